using System.Buffers.Binary;
using System.Text;

namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>
/// Writes the binary form of a <see cref="ShardBatch"/>: a format byte, then rows, each a
/// <see cref="RowKind"/> byte and its fields in the order of the row's record. Text is a varint
/// length and UTF-8 bytes, times are zigzag varints, numbers 8-byte little-endian doubles. The
/// format is part of the contract: once written to a log it is read for ever, so a change means a
/// new format byte.
/// </summary>
public sealed class BatchWriter
{
    /// <summary>The format byte of this version.</summary>
    public const byte Format = 2;

    private byte[] _buffer;
    private int _length;

    /// <summary>Creates a writer.</summary>
    /// <param name="capacity">Initial buffer size in bytes.</param>
    public BatchWriter(int capacity = 4096)
    {
        _buffer = new byte[Math.Max(16, capacity)];
        Clear();
    }

    /// <summary>Rows written.</summary>
    public int Rows { get; private set; }

    /// <summary>Bytes written.</summary>
    public int Length => _length;

    /// <summary>Starts over, keeping the buffer.</summary>
    public void Clear()
    {
        _buffer[0] = Format;
        _length = 1;
        Rows = 0;
    }

    /// <summary>The rows written so far, as a batch of their own (the writer can go on).</summary>
    /// <returns>The batch.</returns>
    public ShardBatch ToBatch() => new(_buffer.AsSpan(0, _length).ToArray(), Rows);

    /// <summary>Writes an event given as UTF-8 fields.</summary>
    /// <param name="e">The fields.</param>
    public void Event(in EventFields e)
    {
        Kind(RowKind.Event);
        Text(e.EventId);
        Text(e.UserId);
        Text(e.SessionId);
        Text(e.EventType);
        Long(e.TimestampMs);
        Text(e.Page);
        Text(e.Referrer);
        Text(e.Os);
        Text(e.Browser);
        Text(e.Platform);
        Text(e.Country);
        Text(e.Region);
        Text(e.City);
        Text(e.Device);
        Double(e.Duration);
        Text(e.ContentId);
        Text(e.RecommendationId);
        Double(e.EventValue);
        Text(e.ProductId);
        Text(e.Category);
        Text(e.Properties);
    }

    /// <summary>Writes a typed event.</summary>
    /// <param name="e">The event.</param>
    public void Event(EventRow e)
    {
        Kind(RowKind.Event);
        Text(e.EventId);
        Text(e.UserId);
        Text(e.SessionId);
        Text(e.EventType);
        Long(e.TimestampMs);
        Text(e.Page);
        Text(e.Referrer);
        Text(e.Os);
        Text(e.Browser);
        Text(e.Platform);
        Text(e.Country);
        Text(e.Region);
        Text(e.City);
        Text(e.Device);
        Double(e.Duration);
        Text(e.ContentId);
        Text(e.RecommendationId);
        Double(e.EventValue);
        Text(e.ProductId);
        Text(e.Category);
        Text(e.Properties);
    }

    /// <summary>Writes a customer profile version.</summary>
    /// <param name="c">The row.</param>
    public void Customer(CustomerRow c)
    {
        Kind(RowKind.Customer);
        Text(c.CustomerId);
        Text(c.Name);
        Text(c.Email);
        Long(c.Age);
        Text(c.Gender);
        Text(c.Location);
        Long(c.SignupDateMs);
        Double(c.LifetimeValue);
        Long(c.TimestampMs);
    }

    /// <summary>Writes a membership row.</summary>
    /// <param name="s">The row.</param>
    public void Segment(SegmentRow s)
    {
        Kind(RowKind.Segment);
        Text(s.UserId);
        Text(s.SegmentId);
        Text(s.SegmentName);
        Long(s.CreatedAtMs);
        Long(s.UpdatedAtMs);
        Long(s.Active ? 1 : 0);
    }

    /// <summary>Writes a metric row.</summary>
    /// <param name="m">The row.</param>
    public void Metric(MetricRow m)
    {
        Kind(RowKind.Metric);
        Text(m.SegmentId);
        Text(m.SegmentName);
        Text(m.MetricName);
        Double(m.MetricValue);
        Long(m.TimePeriodMs);
        Text(m.Granularity);
        Long(m.UpdatedAtMs);
    }

    private void Kind(RowKind kind)
    {
        Ensure(1);
        _buffer[_length++] = (byte)kind;
        Rows++;
    }

    private void Text(ReadOnlySpan<byte> utf8)
    {
        UInt((uint)utf8.Length);
        Ensure(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    private void Text(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        UInt((uint)count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Long(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    private void UInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private void Double(double value)
    {
        Ensure(8);
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + bytes));
        }
    }
}
