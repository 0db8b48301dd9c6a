namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A segment's figures over a window, as <c>segment_comparison</c> shows them and as the
/// daily rollups store them; one definition for both, so a rollup equals the comparison of its day.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SegmentName">The name on the segment's latest row.</param>
/// <param name="Members">Current members.</param>
/// <param name="ActiveUsers">Members with events in the window.</param>
/// <param name="TotalEvents">Their events.</param>
/// <param name="EventsPerUser">total_events / active_users, rounded to 2 decimals.</param>
/// <param name="Sessions">Their sessions.</param>
/// <param name="AvgSessionDuration">Average session duration in seconds, rounded to 2 decimals.</param>
/// <param name="Purchasers">Active members with a purchase.</param>
/// <param name="ConversionRate">purchasers / active_users as a percentage, rounded to 2 decimals.</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentMetrics")]
public sealed record SegmentMetrics(
    string SegmentId,
    string SegmentName,
    long Members,
    long ActiveUsers,
    long TotalEvents,
    double EventsPerUser,
    long Sessions,
    double AvgSessionDuration,
    long Purchasers,
    double ConversionRate)
{
    /// <summary>Merges the shards' figures of one segment: counts add up (users never cross shards);
    /// the name is the one on the latest row, the greatest name on equal update times.</summary>
    /// <param name="shards">Each shard's <see cref="SegmentStats"/> of the segment.</param>
    /// <returns>The segment's figures.</returns>
    public static SegmentMetrics Merge(IReadOnlyCollection<SegmentStats> shards)
    {
        var named = shards.MaxBy(s => s, Comparer<SegmentStats>.Create((a, b) =>
        {
            var byTime = a.NameUpdatedAtMs.CompareTo(b.NameUpdatedAtMs);
            return byTime != 0 ? byTime : StringOrder.Compare(a.Name, b.Name);
        }))!;
        var active = shards.Sum(s => s.ActiveUsers);
        var events = shards.Sum(s => s.Events);
        var sessions = shards.Sum(s => s.Sessions);
        var durationMs = shards.Sum(s => s.SessionDurationMs);
        var purchasers = shards.Sum(s => s.Purchasers);
        return new SegmentMetrics(
            named.SegmentId, named.Name, shards.Sum(s => s.Members), active, events, ContractMath.Average(events, active), sessions,
            sessions == 0 ? 0 : ContractMath.Round2((double)durationMs / sessions / 1000), purchasers, ContractMath.Percent(purchasers, active));
    }
}
