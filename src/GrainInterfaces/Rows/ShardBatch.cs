namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>Rows of every data source bound for one shard, appended to its log as one durable record.</summary>
/// <param name="Events">Rows of <c>user_events</c>.</param>
/// <param name="Customers">Rows of <c>customers</c>.</param>
/// <param name="Segments">Rows of <c>user_segments</c>.</param>
/// <param name="Metrics">Rows of <c>metric_aggregations</c>.</param>
[GenerateSerializer, Immutable, Alias("ua.ShardBatch")]
public sealed record ShardBatch(
    EventRow[] Events,
    CustomerRow[] Customers,
    SegmentRow[] Segments,
    MetricRow[] Metrics)
{
    /// <summary>The number of rows in the batch.</summary>
    public int Count => Events.Length + Customers.Length + Segments.Length + Metrics.Length;
}
