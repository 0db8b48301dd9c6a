namespace UserAnalytics.Grains.Store;

/// <summary>Dictionary codes in the narrowest width that holds them: one byte per row while a
/// column has at most 256 distinct values, two up to 65,536, four beyond; or, for a column of a
/// sealed block that describes users rather than events, per user run (<see cref="UserRunCodes"/>);
/// or, for a column that is almost always empty, only its other rows (<see cref="SparseCodes"/>).</summary>
internal sealed class CodeVector
{
    /// <summary>The checkpoint's marker of a sparse vector, where the others write their width.</summary>
    private const byte SparseMarker = 0x80;
    private readonly byte[]? _bytes;
    private readonly ushort[]? _shorts;
    private readonly int[]? _ints;
    private readonly UserRunCodes? _runs;
    private readonly SparseCodes? _sparse;

    private CodeVector(byte[]? bytes, ushort[]? shorts, int[]? ints, UserRunCodes? runs = null, SparseCodes? sparse = null)
    {
        _bytes = bytes;
        _shorts = shorts;
        _ints = ints;
        _runs = runs;
        _sparse = sparse;
    }

    public static CodeVector Empty { get; } = new([], null, null);

    /// <summary>Bytes per row as stored: 1, 2 or 4, or 0 when stored per user run or sparse.</summary>
    public int Width => _bytes is not null ? 1 : _shorts is not null ? 2 : _ints is not null ? 4 : 0;

    public int Length => _bytes?.Length ?? _shorts?.Length ?? _ints?.Length ?? _runs?.Length ?? _sparse!.Length;

    /// <summary>True when the codes are stored per user run or sparse: read rows with <see cref="At"/>,
    /// <see cref="UserCode"/> or <see cref="CopyTo"/>, not <see cref="Raw"/>.</summary>
    public bool Packed => _runs is not null || _sparse is not null;

    /// <summary>True when the codes are stored per user run (<see cref="UserRunCodes"/>).</summary>
    public bool ByUser => _runs is not null;

    /// <summary>True when only the rows that are not code 0 are stored (<see cref="SparseCodes"/>).</summary>
    public bool Sparse => _sparse is not null;

    /// <summary>The greatest code in a row (0 when there is none).</summary>
    public int Max() => Length == 0 ? 0 : _bytes is not null ? _bytes.Max() : _shorts is not null ? _shorts.Max() : _ints is not null ? _ints.Max() : _runs?.Max() ?? _sparse!.Max();

    /// <summary>The codes as stored, for loops specialised by width: exactly one is not null.
    /// Not for a <see cref="Packed"/> vector.</summary>
    public (byte[]? Bytes, ushort[]? Shorts, int[]? Ints) Raw =>
        !Packed ? (_bytes, _shorts, _ints) : throw new InvalidOperationException("The codes are stored per user run or sparse.");

    /// <summary>The code of row <paramref name="i"/>. Over a vector stored <see cref="ByUser"/> this
    /// searches for the row's user: loops that know it call <see cref="At"/>.</summary>
    public int this[int i]
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => _bytes is not null ? _bytes[i] : _shorts is not null ? _shorts[i] : _ints is not null ? _ints[i] : _runs?[i] ?? _sparse![i];
    }

    /// <summary>The code of row <paramref name="row"/> of a sealed block, which is in the run of
    /// <paramref name="user"/>: a lookup whichever way the codes are stored.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int At(int user, int row) => _runs is null ? this[row] : _runs.At(user, row);

    /// <summary>The one code of all of <paramref name="user"/>'s rows when the vector is stored
    /// per user run and they share it; else -1.</summary>
    public int UserCode(int user) => _runs?.UserCode(user) ?? -1;

    /// <summary>As <see cref="Build"/>, but per user run when that halves the bytes.</summary>
    public static CodeVector BuildByUser(ReadOnlySpan<int> values, int maxCode, int[] userStart) =>
        UserRunCodes.TryBuild(values, maxCode, userStart) is { } runs ? new CodeVector(null, null, null, runs) : Build(values, maxCode);

    /// <summary>Per user run when that halves the bytes, else sparse when that does, else per row.
    /// Runs come first even when sparse is smaller: a user whose run shares one code is one group
    /// for the grouping loops (<see cref="UserCode"/>), where a sparse column is read row by row.</summary>
    public static CodeVector BuildPacked(ReadOnlySpan<int> values, int maxCode, int[] userStart)
    {
        var byUser = BuildByUser(values, maxCode, userStart);
        return !byUser.ByUser && SparseCodes.TryBuild(values, maxCode) is { } sparse ? new CodeVector(null, null, null, null, sparse) : byUser;
    }

    /// <summary>As <see cref="Build"/>, but only the rows that are not code 0 when that halves the bytes.</summary>
    public static CodeVector BuildSparse(ReadOnlySpan<int> values, int maxCode) =>
        SparseCodes.TryBuild(values, maxCode) is { } sparse ? new CodeVector(null, null, null, null, sparse) : Build(values, maxCode);

    /// <summary>The bytes per row <see cref="Build"/> stores codes up to <paramref name="maxCode"/> in.</summary>
    public static int WidthFor(int maxCode) => maxCode <= byte.MaxValue ? 1 : maxCode <= ushort.MaxValue ? 2 : 4;

    public static CodeVector Build(ReadOnlySpan<int> values, int maxCode)
    {
        var width = WidthFor(maxCode);
        if (width == 1)
        {
            var bytes = new byte[values.Length];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)values[i];
            }
            return new CodeVector(bytes, null, null);
        }
        if (width == 2)
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
        var target = ScratchArray.Ensure(ref scratch, length).AsSpan(0, length);
        CopyTo(start, target);
        return scratch.AsMemory(0, length);
    }

    /// <summary>The codes of rows [<paramref name="start"/>, start + target length) as ints.</summary>
    public void CopyTo(int start, Span<int> target)
    {
        var length = target.Length;
        if (_runs is not null)
        {
            _runs.CopyTo(start, target);
        }
        else if (_sparse is not null)
        {
            _sparse.CopyTo(start, target);
        }
        else if (_ints is not null)
        {
            _ints.AsSpan(start, length).CopyTo(target);
        }
        else if (_bytes is not null)
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
        : _ints is not null ? _ints.AsSpan(start, length).Count(code)
        : _runs?.Count(code, start, length) ?? _sparse!.Count(code, start, length);

    /// <summary>The first row at or after <paramref name="start"/> that holds <paramref name="code"/>,
    /// found vectorized, or -1.</summary>
    public int IndexOf(int code, int start)
    {
        var at = _bytes is not null ? (Fits(code, byte.MaxValue) ? _bytes.AsSpan(start).IndexOf((byte)code) : -1)
            : _shorts is not null ? (Fits(code, ushort.MaxValue) ? _shorts.AsSpan(start).IndexOf((ushort)code) : -1)
            : _ints is not null ? _ints.AsSpan(start).IndexOf(code)
            : (_runs?.IndexOf(code, start) ?? _sparse!.IndexOf(code, start)) - start;
        return at < 0 ? -1 : start + at;
    }

    private static bool Fits(int code, int max) => (uint)code <= (uint)max;

    /// <summary>Writes the width and the codes as stored (for a checkpoint).</summary>
    public void Write(BinaryWriter writer)
    {
        if (_sparse is not null)
        {
            writer.Write(SparseMarker);
            _sparse.Write(writer);
            return;
        }
        writer.Write((byte)Width);
        if (_runs is not null)
        {
            _runs.Write(writer);
            return;
        }
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

    /// <summary>Reads what <see cref="Write"/> wrote. A vector stored per user run needs the run
    /// starts of its block, <paramref name="userStart"/>; null where none can be.</summary>
    public static CodeVector Read(BinaryReader reader, int[]? userStart) => reader.ReadByte() switch
    {
        0 when userStart is not null => new CodeVector(null, null, null, UserRunCodes.Read(reader, userStart)),
        SparseMarker => new CodeVector(null, null, null, null, SparseCodes.Read(reader)),
        var width => ReadPlain(reader, width),
    };

    /// <summary>Reads a vector <see cref="Write"/> wrote one code per row (the parts of a packed one).</summary>
    public static CodeVector ReadPlain(BinaryReader reader) => ReadPlain(reader, reader.ReadByte());

    private static CodeVector ReadPlain(BinaryReader reader, byte width) => width switch
    {
        1 => new CodeVector(BinaryArrays.Read<byte>(reader), null, null),
        2 => new CodeVector(null, BinaryArrays.Read<ushort>(reader), null),
        4 => new CodeVector(null, null, BinaryArrays.Read<int>(reader)),
        _ => throw new InvalidDataException($"A code vector of width {width} is not readable here."),
    };

    public long Bytes => (long)(_bytes?.Length ?? 0) + ((_shorts?.Length ?? 0) * 2L) + ((_ints?.Length ?? 0) * 4L) + (_runs?.Bytes ?? 0) + (_sparse?.Bytes ?? 0);
}
