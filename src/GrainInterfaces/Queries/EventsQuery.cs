namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Raw event rows, ordered by time, limited.</summary>
/// <param name="Filter">Which events take part.</param>
/// <param name="Limit">How many rows the answer may hold.</param>
/// <param name="NewestFirst">Order by time descending (else ascending).</param>
[GenerateSerializer, Immutable, Alias("ua.EventsQuery")]
public sealed record EventsQuery(EventFilter Filter, int Limit, bool NewestFirst);
