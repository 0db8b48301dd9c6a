namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>One shard's activity of a segment's members on one day, as of one batch.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Sequence">The last batch included.</param>
/// <param name="Events">Events of members that day.</param>
/// <param name="ActiveUsers">Members with events that day.</param>
/// <param name="Purchasers">Members with a purchase that day.</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentDayBaseline")]
public sealed record SegmentDayBaseline(int Shard, long Sequence, long Events, string[] ActiveUsers, string[] Purchasers);
