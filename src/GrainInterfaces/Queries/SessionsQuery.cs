namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>One row per session computed from the filtered events, newest session start first, limited.</summary>
/// <param name="Filter">Which events take part.</param>
/// <param name="Limit">How many rows the answer may hold.</param>
[GenerateSerializer, Immutable, Alias("ua.SessionsQuery")]
public sealed record SessionsQuery(EventFilter Filter, int Limit);
