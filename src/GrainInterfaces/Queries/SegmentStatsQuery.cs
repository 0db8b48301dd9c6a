namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Activity of the members of several segments.</summary>
/// <param name="SegmentIds">The segments (distinct).</param>
/// <param name="Filter">Which events count (the window).</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentStatsQuery")]
public sealed record SegmentStatsQuery(string[] SegmentIds, EventFilter Filter);
