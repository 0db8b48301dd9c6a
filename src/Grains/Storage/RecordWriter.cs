using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace UserAnalytics.Grains.Storage;

/// <summary>Writes the compact binary form of log records: varints, zigzag longs, raw doubles and
/// length-prefixed UTF-8 strings.</summary>
internal sealed class RecordWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public RecordWriter(int capacity = 4096)
    {
        _buffer = new ArrayBufferWriter<byte>(capacity);
    }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void UInt(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[n++] = (byte)value;
        _buffer.Advance(n);
    }

    public void Long(long value) => UInt((ulong)((value << 1) ^ (value >> 63)));

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void String(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        UInt((ulong)count);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
    }
}
