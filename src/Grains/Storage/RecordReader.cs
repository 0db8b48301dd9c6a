using System.Buffers.Binary;
using System.Text;

namespace UserAnalytics.Grains.Storage;

/// <summary>Reads what <see cref="RecordWriter"/> wrote.</summary>
internal ref struct RecordReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public RecordReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    public readonly bool End => _position >= _data.Length;

    public byte Byte() => _data[_position++];

    public ulong UInt()
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
            shift += 7;
            if (shift > 63)
            {
                throw new InvalidDataException("A varint in a log record is too long.");
            }
        }
    }

    public int Int() => checked((int)UInt());

    public long Long()
    {
        var raw = UInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public double Double()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data[_position..]);
        _position += 8;
        return value;
    }

    public string String()
    {
        var length = Int();
        var value = length == 0 ? string.Empty : Encoding.UTF8.GetString(_data.Slice(_position, length));
        _position += length;
        return value;
    }
}
