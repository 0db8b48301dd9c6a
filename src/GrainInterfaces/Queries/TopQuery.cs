namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Per-user groups of filtered events, best first, limited: content affinity, user
/// recommendations.</summary>
/// <param name="Filter">Which events take part.</param>
/// <param name="Limit">How many rows the answer may hold.</param>
[GenerateSerializer, Immutable, Alias("ua.TopQuery")]
public sealed record TopQuery(EventFilter Filter, int Limit);
