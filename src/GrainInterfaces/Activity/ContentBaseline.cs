using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>One shard's engagement with a content item or recommendation, as of one batch.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Sequence">The last batch included: later batches arrive through the stream.</param>
/// <param name="Touches">Per user, per event type and hour: the shard's events for the item, aggregated.</param>
/// <param name="Users">Per user engagement (views, clicks, likes, shares, duration, last time).</param>
[GenerateSerializer, Immutable, Alias("ua.ContentBaseline")]
public sealed record ContentBaseline(int Shard, long Sequence, HourlyCount[] Touches, AffinityRow[] Users);
