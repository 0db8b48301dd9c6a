namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>The outcome of (re-)evaluating a segment's rule.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SegmentName">Its name.</param>
/// <param name="UserCount">Members after the evaluation.</param>
/// <param name="EvaluatedAtMs">When the membership rows were written (their <c>updated_at</c>).</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentEvaluation")]
public sealed record SegmentEvaluation(string SegmentId, string SegmentName, long UserCount, long EvaluatedAtMs);
