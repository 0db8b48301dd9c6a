using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.GrainInterfaces;

/// <summary>One segment (key: segment_id): the rule that defines it, when it has one, and its
/// evaluation over every shard.</summary>
[Alias("ua.ISegmentGrain")]
public interface ISegmentGrain : IGrainWithStringKey
{
    /// <summary>Stores the rule and evaluates it now, replacing the segment's membership.</summary>
    /// <param name="rule">The rule; its id must be this grain's key.</param>
    /// <returns>The outcome.</returns>
    [Alias("Define")]
    Task<SegmentEvaluation> Define(SegmentRule rule);

    /// <summary>The segment's rule, or null when its membership only comes from ingested rows.</summary>
    /// <returns>The rule.</returns>
    [Alias("GetRule")]
    Task<SegmentRule?> GetRule();

    /// <summary>Evaluates the segment's rule again now (a dynamic segment: against the current
    /// time). A segment without a rule, or a snapshot, is left as it is.</summary>
    /// <returns>The outcome, or null when the segment has nothing to evaluate.</returns>
    [Alias("Evaluate")]
    Task<SegmentEvaluation?> Evaluate();

    /// <summary>Writes the daily rollups (active_users, total_events, sessions,
    /// avg_session_duration, conversion_rate) of every completed day not rolled up yet into
    /// <c>metric_aggregations</c>. Re-running a day writes the same rows.</summary>
    /// <param name="fromDayMs">Roll up again from this day (UTC midnight, milliseconds), for
    /// example after late events; null continues after the last day rolled up.</param>
    /// <returns>The number of days written.</returns>
    [Alias("RollUp")]
    Task<int> RollUp(long? fromDayMs = null);

    /// <summary>Today's activity of the members so far.</summary>
    /// <returns>The live counters.</returns>
    [Alias("GetLive")]
    Task<SegmentLive> GetLive();

    /// <summary>Takes a batch of members' events directly (ingest with <c>wait=true</c>).</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>A task that completes once the batch is counted.</returns>
    [Alias("Apply")]
    Task Apply(ActivityBatch batch);
}
