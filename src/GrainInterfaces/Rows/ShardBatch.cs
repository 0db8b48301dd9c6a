namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>Rows of every data source bound for one shard, in the binary form written by
/// <see cref="BatchWriter"/>. The shard appends the payload to its log as it is, one durable record,
/// and reads it with <see cref="BatchReader"/>: rows travel and are stored without a string per field.</summary>
/// <param name="Payload">The encoded rows.</param>
/// <param name="Rows">How many rows the payload holds.</param>
[GenerateSerializer, Immutable, Alias("ua.ShardBatch")]
public sealed record ShardBatch(byte[] Payload, int Rows)
{
    /// <summary>Encodes typed rows (tests, segment evaluation, snapshots).</summary>
    /// <param name="events">Events.</param>
    /// <param name="customers">Customer versions.</param>
    /// <param name="segments">Membership rows.</param>
    /// <param name="metrics">Metric rows.</param>
    /// <returns>The batch.</returns>
    public static ShardBatch Of(
        IEnumerable<EventRow>? events = null,
        IEnumerable<CustomerRow>? customers = null,
        IEnumerable<SegmentRow>? segments = null,
        IEnumerable<MetricRow>? metrics = null)
    {
        var writer = new BatchWriter();
        foreach (var e in events ?? [])
        {
            writer.Event(e);
        }
        foreach (var c in customers ?? [])
        {
            writer.Customer(c);
        }
        foreach (var s in segments ?? [])
        {
            writer.Segment(s);
        }
        foreach (var m in metrics ?? [])
        {
            writer.Metric(m);
        }
        return writer.ToBatch();
    }
}
