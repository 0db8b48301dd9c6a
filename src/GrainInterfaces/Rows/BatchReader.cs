using System.Buffers.Binary;
using System.Text;

namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>Reads what <see cref="BatchWriter"/> wrote, row by row; event fields come back as spans
/// into the payload.</summary>
public ref struct BatchReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading a payload.</summary>
    /// <param name="payload">The bytes of a <see cref="ShardBatch"/>.</param>
    public BatchReader(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == 0 || payload[0] != BatchWriter.Format)
        {
            throw new InvalidDataException($"Unknown batch format {(payload.Length == 0 ? "(empty)" : payload[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}.");
        }
        _data = payload;
        _position = 1;
    }

    /// <summary>Moves to the next row.</summary>
    /// <param name="kind">Its data source.</param>
    /// <returns>False at the end.</returns>
    public bool Next(out RowKind kind)
    {
        if (_position >= _data.Length)
        {
            kind = default;
            return false;
        }
        kind = (RowKind)_data[_position++];
        return true;
    }

    /// <summary>Reads an event row's fields.</summary>
    /// <param name="e">Filled with spans into the payload.</param>
    public void Event(ref EventFields e)
    {
        e.EventId = Text();
        e.UserId = Text();
        e.SessionId = Text();
        e.EventType = Text();
        e.TimestampMs = Long();
        e.Page = Text();
        e.Referrer = Text();
        e.Os = Text();
        e.Browser = Text();
        e.Platform = Text();
        e.Country = Text();
        e.Region = Text();
        e.City = Text();
        e.Device = Text();
        e.Duration = Double();
        e.ContentId = Text();
        e.RecommendationId = Text();
        e.EventValue = Double();
        e.ProductId = Text();
        e.Category = Text();
        e.Properties = Text();
    }

    /// <summary>Reads an event row as a typed record.</summary>
    /// <returns>The event.</returns>
    public EventRow EventRow()
    {
        var e = default(EventFields);
        Event(ref e);
        static string S(ReadOnlySpan<byte> utf8) => utf8.IsEmpty ? string.Empty : Encoding.UTF8.GetString(utf8);
        return new EventRow(
            S(e.EventId), S(e.UserId), S(e.SessionId), S(e.EventType), e.TimestampMs, S(e.Page), S(e.Referrer), S(e.Os), S(e.Browser),
            S(e.Platform), S(e.Country), S(e.Region), S(e.City), S(e.Device), e.Duration, S(e.ContentId), S(e.RecommendationId),
            e.EventValue, S(e.ProductId), S(e.Category), S(e.Properties));
    }

    /// <summary>Reads a customer row.</summary>
    /// <returns>The row.</returns>
    public CustomerRow Customer() => new(String(), String(), String(), checked((int)Long()), String(), String(), Long(), Double(), Long());

    /// <summary>Reads a membership row.</summary>
    /// <returns>The row.</returns>
    public SegmentRow Segment() => new(String(), String(), String(), Long(), Long(), Long() != 0);

    /// <summary>Reads a metric row.</summary>
    /// <returns>The row.</returns>
    public MetricRow Metric() => new(String(), String(), String(), Double(), Long(), String(), Long());

    private ReadOnlySpan<byte> Text()
    {
        var length = checked((int)UInt());
        var text = _data.Slice(_position, length);
        _position += length;
        return text;
    }

    private string String()
    {
        var text = Text();
        return text.IsEmpty ? string.Empty : Encoding.UTF8.GetString(text);
    }

    private long Long()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    private ulong UInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("A varint in a batch is too long.");
    }

    private double Double()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }
}
