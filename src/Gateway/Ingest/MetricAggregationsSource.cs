using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary><c>metric_aggregations</c>: pre-aggregated metrics per segment, partitioned by segment id.</summary>
internal sealed class MetricAggregationsSource : DataSource
{
    private static readonly string[] Granularities = ["hourly", "daily", "weekly", "monthly"];

    private static readonly ColumnSpec[] Spec =
    [
        new("segment_id", ColumnKind.String, Required: true),
        new("segment_name", ColumnKind.String),
        new("metric_name", ColumnKind.String, Required: true),
        new("metric_value", ColumnKind.Float64, Required: true),
        new("time_period", ColumnKind.DateTime, Required: true),
        new("granularity", ColumnKind.String),
        new("updated_at", ColumnKind.DateTime),
    ];

    public MetricAggregationsSource()
        : base("metric_aggregations", Spec)
    {
    }

    protected override string? Add(RowValues v, ShardBatches batches)
    {
        var granularity = v.String(5);
        if (granularity.Length == 0)
        {
            granularity = "daily";
        }
        if (Array.IndexOf(Granularities, granularity) < 0)
        {
            return $"column 'granularity': '{granularity}' is not one of hourly, daily, weekly, monthly";
        }
        batches.Add(new MetricRow(v.String(0), v.String(1), v.String(2), v.Number(3), v.Time(4), granularity, v.Time(6)));
        return null;
    }
}
