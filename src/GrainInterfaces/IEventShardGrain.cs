using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces;

/// <summary>One partition of every data source, keyed by shard number (<see cref="GrainKeys.ShardOf(string, int)"/>).
/// It owns a durable log, keeps its users' rows in memory in a columnar layout and answers partial
/// aggregates.</summary>
[Alias("ua.IEventShardGrain")]
public interface IEventShardGrain : IGrainWithIntegerKey, IEventQueries
{
    /// <summary>Stores a batch durably, then makes it visible. Returns only once the batch is on disk.
    /// What it brings to content items, users and segments goes out on the activity streams; with
    /// <paramref name="waitForConsumers"/>, to those grains directly, and the call waits for them.</summary>
    /// <param name="batch">Rows whose partition key maps to this shard.</param>
    /// <param name="waitForConsumers">Wait until the content, user and segment grains have the rows.</param>
    /// <returns>How many rows were stored and how many events were duplicates.</returns>
    [Alias("Append")]
    Task<AppendResult> Append(ShardBatch batch, bool waitForConsumers = false);

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
    /// <param name="changesOnly">Write rows only for users who join or leave (a scheduled
    /// re-evaluation), instead of a fresh row for every member (a new definition).</param>
    /// <returns>The number of qualifying users on this shard.</returns>
    [Alias("EvaluateSegment")]
    Task<long> EvaluateSegment(SegmentRule rule, long evaluatedAtMs, bool changesOnly = false);

    /// <summary>What this shard holds.</summary>
    /// <returns>Counts and sizes.</returns>
    [Alias("GetStats")]
    Task<ShardStats> GetStats();

    /// <summary>Starts publishing what stored batches bring to a consumer (a user, content or segment
    /// grain) on its activity stream. Watches live in memory: a consumer renews its watch
    /// periodically, and a shard that answers "new" (it restarted since) is read afresh.</summary>
    /// <param name="topic">What is watched.</param>
    /// <param name="key">The consumer's key.</param>
    /// <returns>True when the shard was not watching it yet.</returns>
    [Alias("Watch")]
    Task<bool> Watch(ActivityTopic topic, string key);

    /// <summary>Stops publishing for a consumer.</summary>
    /// <param name="topic">What was watched.</param>
    /// <param name="key">The consumer's key.</param>
    /// <returns>A task.</returns>
    [Alias("Unwatch")]
    Task Unwatch(ActivityTopic topic, string key);

    /// <summary>This shard's engagement with one content item or recommendation, as of now.</summary>
    /// <param name="key">The content grain key (<see cref="ContentKeys"/>).</param>
    /// <returns>The baseline, with the batch number it includes.</returns>
    [Alias("ContentBaseline")]
    Task<ContentBaseline> ContentBaseline(string key);

    /// <summary><c>metric_aggregations</c> rows of a segment partitioned to this shard.</summary>
    /// <param name="query">Segment and filters.</param>
    /// <returns>The winning rows.</returns>
    [Alias("Metrics")]
    Task<MetricRow[]> Metrics(MetricsQuery query);

    /// <summary>Every segment id this shard has membership rows for.</summary>
    /// <returns>The ids.</returns>
    [Alias("SegmentIds")]
    Task<string[]> SegmentIds();

    /// <summary>This shard's activity of a segment's members on one UTC day, as of now.</summary>
    /// <param name="segmentId">The segment.</param>
    /// <param name="dayStartMs">Start of the day, UTC milliseconds.</param>
    /// <returns>The baseline, with the batch number it includes.</returns>
    [Alias("SegmentDay")]
    Task<SegmentDayBaseline> SegmentDay(string segmentId, long dayStartMs);
}
