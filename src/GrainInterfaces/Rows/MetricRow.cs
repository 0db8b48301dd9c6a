namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>One row of <c>metric_aggregations</c>; the latest <see cref="UpdatedAtMs"/> per
/// (segment, metric, granularity, period) wins.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SegmentName">The segment's display name.</param>
/// <param name="MetricName">The metric, such as <c>avg_session_duration</c>.</param>
/// <param name="MetricValue">The value.</param>
/// <param name="TimePeriodMs">Start of the period, UTC milliseconds.</param>
/// <param name="Granularity"><c>hourly</c>, <c>daily</c>, <c>weekly</c> or <c>monthly</c>.</param>
/// <param name="UpdatedAtMs">Version time, UTC milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.MetricRow")]
public sealed record MetricRow(
    string SegmentId,
    string SegmentName,
    string MetricName,
    double MetricValue,
    long TimePeriodMs,
    string Granularity,
    long UpdatedAtMs);
