using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>segment_metrics</c>: a segment's rows of <c>metric_aggregations</c>, ingested and
/// computed (the daily rollups) alike, oldest period first.</summary>
internal sealed class SegmentMetricsPipe : IPipe
{
    private static readonly string[] Granularities = ["hourly", "daily", "weekly", "monthly"];

    private static readonly PipeColumn[] Columns =
    [
        new("segment_id", ColumnType.String),
        new("segment_name", ColumnType.String),
        new("metric_name", ColumnType.String),
        new("metric_value", ColumnType.Float64),
        new("time_period", ColumnType.DateTime),
        new("granularity", ColumnType.String),
        new("updated_at", ColumnType.DateTime),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (4, false), (2, false));

    public string Name => "segment_metrics";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var segmentId = p.RequiredString("segment_id");
        var granularity = p.String("granularity");
        if (granularity is not null && Array.IndexOf(Granularities, granularity) < 0)
        {
            throw new BadParameterException("granularity", $"'{granularity}' is not one of hourly, daily, weekly, monthly");
        }
        var (from, to) = p.Window();
        var query = new MetricsQuery(segmentId, p.String("metric_name"), granularity, from, to);
        var shard = context.Shard(GrainKeys.ShardOf(segmentId, context.Shards));
        var metrics = await shard.Metrics(query);
        var rows = metrics.Select(m => new object?[]
        {
            m.SegmentId, m.SegmentName, m.MetricName, m.MetricValue, m.TimePeriodMs, m.Granularity, m.UpdatedAtMs,
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, metrics.Length);
    }
}
