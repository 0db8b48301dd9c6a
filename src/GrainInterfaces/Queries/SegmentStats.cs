namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>One shard's (additive) activity of one segment's members.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Name">The name on the segment's latest row seen by this shard.</param>
/// <param name="NameUpdatedAtMs">The update time of that row, to pick the latest over shards.</param>
/// <param name="Members">Current members.</param>
/// <param name="ActiveUsers">Members with events that pass the filter.</param>
/// <param name="Events">Their events.</param>
/// <param name="Sessions">Their sessions.</param>
/// <param name="SessionDurationMs">Summed duration of those sessions in milliseconds.</param>
/// <param name="Purchasers">Active members with a <c>purchase</c> event.</param>
/// <param name="RowsRead">Stored rows scanned.</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentStats")]
public sealed record SegmentStats(
    string SegmentId,
    string Name,
    long NameUpdatedAtMs,
    long Members,
    long ActiveUsers,
    long Events,
    long Sessions,
    long SessionDurationMs,
    long Purchasers,
    long RowsRead);
