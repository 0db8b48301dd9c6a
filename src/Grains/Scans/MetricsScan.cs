using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>The winning <c>metric_aggregations</c> rows of one segment that pass the filters.</summary>
internal static class MetricsScan
{
    public static MetricRow[] Run(EventStore store, MetricsQuery query) =>
        [.. store.Metrics
            .Select(m => m.Row)
            .Where(m => string.Equals(m.SegmentId, query.SegmentId, StringComparison.Ordinal)
                && (query.MetricName is null || string.Equals(m.MetricName, query.MetricName, StringComparison.Ordinal))
                && (query.Granularity is null || string.Equals(m.Granularity, query.Granularity, StringComparison.Ordinal))
                && (query.FromMs is null || m.TimePeriodMs >= query.FromMs)
                && (query.ToMs is null || m.TimePeriodMs <= query.ToMs))];
}
