namespace UserAnalytics.Grains.Store;

/// <summary>Dictionary codes in the narrowest width that holds them: one byte per row while a
/// column has at most 256 distinct values, two up to 65,536, four beyond.</summary>
internal sealed class CodeVector
{
    private readonly byte[]? _bytes;
    private readonly ushort[]? _shorts;
    private readonly int[]? _ints;

    private CodeVector(byte[]? bytes, ushort[]? shorts, int[]? ints)
    {
        _bytes = bytes;
        _shorts = shorts;
        _ints = ints;
    }

    public static CodeVector Empty { get; } = new([], null, null);

    public int Width => _bytes is not null ? 1 : _shorts is not null ? 2 : 4;

    public int Length => _bytes?.Length ?? _shorts?.Length ?? _ints!.Length;

    /// <summary>The greatest code in a row (0 when there is none).</summary>
    public int Max() => Length == 0 ? 0 : _bytes is not null ? _bytes.Max() : _shorts is not null ? _shorts.Max() : _ints!.Max();

    /// <summary>The codes as stored, for loops specialised by width: exactly one is not null.</summary>
    public (byte[]? Bytes, ushort[]? Shorts, int[]? Ints) Raw => (_bytes, _shorts, _ints);

    public int this[int i]
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _bytes is not null ? _bytes[i] : _shorts is not null ? _shorts[i] : _ints![i];
    }

    public static CodeVector Build(ReadOnlySpan<int> values, int maxCode)
    {
        if (maxCode <= byte.MaxValue)
        {
            var bytes = new byte[values.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)values[i];
            }
            return new CodeVector(bytes, null, null);
        }
        if (maxCode <= ushort.MaxValue)
        {
            var shorts = new ushort[values.Length];
            for (var i = 0; i < shorts.Length; i++)
            {
                shorts[i] = (ushort)values[i];
            }
            return new CodeVector(null, shorts, null);
        }
        return new CodeVector(null, null, values.ToArray());
    }

    /// <summary>The codes of rows [start, start + length) as ints: a slice when they are stored as
    /// ints, else widened into <paramref name="scratch"/>.</summary>
    public ReadOnlyMemory<int> Slice(int start, int length, ref int[] scratch)
    {
        if (_ints is not null)
        {
            return _ints.AsMemory(start, length);
        }
        if (scratch.Length < length)
        {
            scratch = new int[Math.Max(length, scratch.Length * 2)];
        }
        var target = scratch.AsSpan(0, length);
        Widen(start, target);
        return scratch.AsMemory(0, length);
    }

    private void Widen(int start, Span<int> target)
    {
        var length = target.Length;
        if (_bytes is not null)
        {
            var source = _bytes.AsSpan(start, length);
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = source[i];
            }
        }
        else
        {
            var source = _shorts!.AsSpan(start, length);
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = source[i];
            }
        }
    }

    /// <summary>How many of rows [<paramref name="start"/>, <paramref name="start"/> +
    /// <paramref name="length"/>) hold <paramref name="code"/>, counted vectorized. A code too wide
    /// for this vector's width (newer than the block) is in no row.</summary>
    public int Count(int code, int start, int length) =>
        _bytes is not null ? (Fits(code, byte.MaxValue) ? _bytes.AsSpan(start, length).Count((byte)code) : 0)
        : _shorts is not null ? (Fits(code, ushort.MaxValue) ? _shorts.AsSpan(start, length).Count((ushort)code) : 0)
        : _ints!.AsSpan(start, length).Count(code);

    /// <summary>The first row at or after <paramref name="start"/> that holds <paramref name="code"/>,
    /// found vectorized, or -1.</summary>
    public int IndexOf(int code, int start)
    {
        var at = _bytes is not null ? (Fits(code, byte.MaxValue) ? _bytes.AsSpan(start).IndexOf((byte)code) : -1)
            : _shorts is not null ? (Fits(code, ushort.MaxValue) ? _shorts.AsSpan(start).IndexOf((ushort)code) : -1)
            : _ints!.AsSpan(start).IndexOf(code);
        return at < 0 ? -1 : start + at;
    }

    private static bool Fits(int code, int max) => (uint)code <= (uint)max;

    /// <summary>Writes the width and the codes as stored (for a checkpoint).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write((byte)Width);
        var (bytes, shorts, ints) = Raw;
        if (bytes is not null)
        {
            BinaryArrays.Write<byte>(writer, bytes);
        }
        else if (shorts is not null)
        {
            BinaryArrays.Write<ushort>(writer, shorts);
        }
        else
        {
            BinaryArrays.Write<int>(writer, ints);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public static CodeVector Read(BinaryReader reader) => reader.ReadByte() switch
    {
        1 => new CodeVector(BinaryArrays.Read<byte>(reader), null, null),
        2 => new CodeVector(null, BinaryArrays.Read<ushort>(reader), null),
        4 => new CodeVector(null, null, BinaryArrays.Read<int>(reader)),
        var width => throw new InvalidDataException($"A code vector of width {width} is not readable."),
    };

    public long Bytes => (long)(_bytes?.Length ?? 0) + ((_shorts?.Length ?? 0) * 2L) + ((_ints?.Length ?? 0) * 4L);
}
