namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A conversion funnel. Answered as one group whose value k is the number of users who
/// reached step k + 1.</summary>
/// <param name="Filter">Which events take part (window, segment).</param>
/// <param name="Steps">The event types of the steps, in order (a type may repeat).</param>
/// <param name="WindowMs">Longest time from step 1 to any later step, in milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.FunnelQuery")]
public sealed record FunnelQuery(EventFilter Filter, string[] Steps, long WindowMs);
