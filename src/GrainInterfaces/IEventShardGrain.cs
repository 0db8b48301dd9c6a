using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces;

/// <summary>One partition of every data source, keyed by shard number (<see cref="GrainKeys.ShardOf(string, int)"/>).
/// It owns a durable log, keeps its users' rows in memory in a columnar layout and answers partial
/// aggregates.</summary>
[Alias("ua.IEventShardGrain")]
public interface IEventShardGrain : IGrainWithIntegerKey, IEventQueries
{
    /// <summary>Stores a batch durably, then makes it visible. Returns only once the batch is on disk.</summary>
    /// <param name="batch">Rows whose partition key maps to this shard.</param>
    /// <returns>How many rows were stored and how many events were duplicates.</returns>
    [Alias("Append")]
    Task<AppendResult> Append(ShardBatch batch);

    /// <summary>The rows of one user, unless the caller already holds <paramref name="knownVersion"/>.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="knownVersion">The version the caller holds, or -1.</param>
    /// <returns>The snapshot, or null when the caller's version is current.</returns>
    [Alias("GetUserSnapshot")]
    Task<UserSnapshot?> GetUserSnapshot(string userId, long knownVersion);

    /// <summary>Weekly retention cohorts of this shard's users.</summary>
    /// <param name="query">Filter and number of weeks.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>One group per cohort week.</returns>
    [Alias("Retention")]
    Task<GroupPartial> Retention(RetentionQuery query, CancellationToken cancellationToken = default);

    /// <summary>How far this shard's users got through a funnel.</summary>
    /// <param name="query">Filter, steps and window.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>One group of users per step reached.</returns>
    [Alias("Funnel")]
    Task<GroupPartial> Funnel(FunnelQuery query, CancellationToken cancellationToken = default);

    /// <summary>Activity of segments' members among this shard's users.</summary>
    /// <param name="query">Segments and window.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>One row per requested segment.</returns>
    [Alias("SegmentStats")]
    Task<SegmentStats[]> SegmentStats(SegmentStatsQuery query, CancellationToken cancellationToken = default);

    /// <summary>This shard's customers per value segment.</summary>
    /// <param name="query">Location and age filters.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>One group per value segment.</returns>
    [Alias("CustomerSummary")]
    Task<GroupPartial> CustomerSummary(CustomerSummaryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Evaluates a segment rule over this shard's users and stores the resulting membership
    /// rows through the same durable path as ingested <c>user_segments</c> rows: qualifying users get
    /// an active row, members who no longer qualify an inactive one.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="evaluatedAtMs">The time of the evaluation: the rows' <c>updated_at</c>, and the reference time when the rule has none.</param>
    /// <returns>The number of qualifying users on this shard.</returns>
    [Alias("EvaluateSegment")]
    Task<long> EvaluateSegment(SegmentRule rule, long evaluatedAtMs);

    /// <summary>What this shard holds.</summary>
    /// <returns>Counts and sizes.</returns>
    [Alias("GetStats")]
    Task<ShardStats> GetStats();
}
