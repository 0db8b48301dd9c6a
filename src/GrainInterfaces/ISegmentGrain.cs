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
}
