using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Storage;

/// <summary>The binary form of a shard's log record. Fields are written in a fixed order; a new
/// format gets a new kind byte, and old kinds stay readable forever.</summary>
internal static class BatchCodec
{
    private const byte ShardBatchV1 = 1;

    public static ReadOnlyMemory<byte> Encode(ShardBatch batch)
    {
        var w = new RecordWriter(256 + (batch.Count * 160));
        w.Byte(ShardBatchV1);
        w.UInt((ulong)batch.Events.Length);
        foreach (var e in batch.Events)
        {
            w.String(e.EventId);
            w.String(e.UserId);
            w.String(e.SessionId);
            w.String(e.EventType);
            w.Long(e.TimestampMs);
            w.String(e.Page);
            w.String(e.Referrer);
            w.String(e.Os);
            w.String(e.Browser);
            w.String(e.Platform);
            w.String(e.Country);
            w.String(e.Region);
            w.String(e.City);
            w.String(e.Device);
            w.Double(e.Duration);
            w.String(e.ContentId);
            w.String(e.RecommendationId);
            w.Double(e.EventValue);
            w.String(e.ProductId);
            w.String(e.Category);
            w.String(e.Properties);
        }
        w.UInt((ulong)batch.Customers.Length);
        foreach (var c in batch.Customers)
        {
            w.String(c.CustomerId);
            w.String(c.Name);
            w.String(c.Email);
            w.Long(c.Age);
            w.String(c.Gender);
            w.String(c.Location);
            w.Long(c.SignupDateMs);
            w.Double(c.LifetimeValue);
            w.Long(c.TimestampMs);
        }
        w.UInt((ulong)batch.Segments.Length);
        foreach (var s in batch.Segments)
        {
            w.String(s.UserId);
            w.String(s.SegmentId);
            w.String(s.SegmentName);
            w.Long(s.CreatedAtMs);
            w.Long(s.UpdatedAtMs);
            w.Byte(s.Active ? (byte)1 : (byte)0);
        }
        w.UInt((ulong)batch.Metrics.Length);
        foreach (var m in batch.Metrics)
        {
            w.String(m.SegmentId);
            w.String(m.SegmentName);
            w.String(m.MetricName);
            w.Double(m.MetricValue);
            w.Long(m.TimePeriodMs);
            w.String(m.Granularity);
            w.Long(m.UpdatedAtMs);
        }
        return w.WrittenMemory;
    }

    public static ShardBatch Decode(ReadOnlySpan<byte> record)
    {
        var r = new RecordReader(record);
        var kind = r.Byte();
        if (kind != ShardBatchV1)
        {
            throw new InvalidDataException($"Unknown shard log record kind {kind}.");
        }
        var events = new EventRow[r.Int()];
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = new EventRow(
                r.String(), r.String(), r.String(), r.String(), r.Long(),
                r.String(), r.String(), r.String(), r.String(), r.String(), r.String(), r.String(), r.String(), r.String(),
                r.Double(), r.String(), r.String(), r.Double(), r.String(), r.String(), r.String());
        }
        var customers = new CustomerRow[r.Int()];
        for (var i = 0; i < customers.Length; i++)
        {
            customers[i] = new CustomerRow(
                r.String(), r.String(), r.String(), checked((int)r.Long()), r.String(), r.String(), r.Long(), r.Double(), r.Long());
        }
        var segments = new SegmentRow[r.Int()];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new SegmentRow(r.String(), r.String(), r.String(), r.Long(), r.Long(), r.Byte() != 0);
        }
        var metrics = new MetricRow[r.Int()];
        for (var i = 0; i < metrics.Length; i++)
        {
            metrics[i] = new MetricRow(r.String(), r.String(), r.String(), r.Double(), r.Long(), r.String(), r.Long());
        }
        return new ShardBatch(events, customers, segments, metrics);
    }
}
