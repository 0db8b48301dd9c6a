namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Rows of <c>metric_aggregations</c> of one segment.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="MetricName">Only this metric, when set.</param>
/// <param name="Granularity">Only this granularity, when set.</param>
/// <param name="FromMs">Inclusive lower bound of <c>time_period</c>.</param>
/// <param name="ToMs">Inclusive upper bound of <c>time_period</c>.</param>
[GenerateSerializer, Immutable, Alias("ua.MetricsQuery")]
public sealed record MetricsQuery(string SegmentId, string? MetricName, string? Granularity, long? FromMs, long? ToMs);
