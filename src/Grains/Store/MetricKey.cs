namespace UserAnalytics.Grains.Store;

/// <summary>The identity of a <c>metric_aggregations</c> row; the latest version per key wins.</summary>
internal readonly record struct MetricKey(string SegmentId, string MetricName, string Granularity, long TimePeriodMs);
