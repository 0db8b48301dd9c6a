namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A segment's activity so far today (UTC), kept up to date from the shards' stream.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="DayMs">Start of the day, UTC milliseconds.</param>
/// <param name="Events">Events of members today.</param>
/// <param name="ActiveUsers">Members with events today.</param>
/// <param name="Purchasers">Members with a purchase today.</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentLive")]
public sealed record SegmentLive(string SegmentId, long DayMs, long Events, long ActiveUsers, long Purchasers);
