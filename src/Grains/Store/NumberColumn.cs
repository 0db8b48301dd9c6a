using System.Runtime.InteropServices;

namespace UserAnalytics.Grains.Store;

/// <summary>
/// A numeric event column of a sealed block that no aggregate loop reads (event_value). Its values
/// repeat a lot (most events carry none, prices come from short lists), so it is dictionary-coded
/// like the string columns: a code per row in one or two bytes plus the distinct values, bit for bit. A block with
/// more than 65,536 distinct values keeps plain doubles, which is never larger.
/// </summary>
internal sealed class NumberColumn
{
    private const int MaxDistinct = 1 << 16;
    private const int CopyPiece = 4096;

    [ThreadStatic]
    private static int[]? _threadCodes;
    private readonly double[]? _plain;
    private readonly CodeVector _codes;
    private readonly double[] _values;

    private NumberColumn(double[]? plain, CodeVector codes, double[] values)
    {
        _plain = plain;
        _codes = codes;
        _values = values;
    }

    public static NumberColumn Empty { get; } = new([], CodeVector.Empty, []);

    public double this[int row] => _plain is not null ? _plain[row] : _values[_codes[row]];

    /// <summary>Rows [<paramref name="start"/>, start + destination length) as doubles.</summary>
    public void CopyTo(int start, Span<double> destination)
    {
        if (_plain is not null)
        {
            _plain.AsSpan(start, destination.Length).CopyTo(destination);
            return;
        }
        // Through the codes' own copy: a sparse vector finds a row by a search, a run by one.
        var codes = _threadCodes ??= new int[CopyPiece];
        for (var from = 0; from < destination.Length; from += CopyPiece)
        {
            var piece = codes.AsSpan(0, Math.Min(CopyPiece, destination.Length - from));
            _codes.CopyTo(start + from, piece);
            for (var i = 0; i < piece.Length; i++)
            {
                destination[from + i] = _values[piece[i]];
            }
        }
    }

    public long Bytes => _plain is not null ? _plain.Length * 8L : _codes.Bytes + (_values.Length * 8L);

    public static NumberColumn Build(double[] rows)
    {
        // Keyed by bits, so that -0.0 and 0.0 (and every NaN) come back exactly as they were stored.
        // 0.0, an event without a value, is code 0 whether or not a row holds it, so that a column
        // of mostly absent values is kept sparse.
        var codes = new Dictionary<long, int> { [0L] = 0 };
        var values = new List<double> { 0.0 };
        var coded = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var bits = BitConverter.DoubleToInt64Bits(rows[i]);
            ref var code = ref CollectionsMarshal.GetValueRefOrAddDefault(codes, bits, out var exists);
            if (!exists)
            {
                if (values.Count == MaxDistinct)
                {
                    return new NumberColumn(rows, CodeVector.Empty, []);
                }
                code = values.Count;
                values.Add(rows[i]);
            }
            coded[i] = code;
        }
        return new NumberColumn(null, CodeVector.BuildSparse(coded, values.Count - 1), [.. values]);
    }

    /// <summary>Writes the column as stored (for a checkpoint).</summary>
    public void Write(BinaryWriter writer)
    {
        writer.Write(_plain is not null);
        if (_plain is not null)
        {
            BinaryArrays.Write(writer, _plain);
            return;
        }
        _codes.Write(writer);
        BinaryArrays.Write(writer, _values);
    }

    /// <summary>Reads what <see cref="Write"/> wrote; <paramref name="rows"/> is the block's row count.</summary>
    public static NumberColumn Read(BinaryReader reader, int rows)
    {
        if (reader.ReadBoolean())
        {
            var plain = BinaryArrays.Read<double>(reader);
            return plain.Length == rows ? new NumberColumn(plain, CodeVector.Empty, []) : throw Invalid();
        }
        var codes = CodeVector.Read(reader, null);
        var values = BinaryArrays.Read<double>(reader);
        if (codes.Length != rows || values.Length > MaxDistinct || (rows > 0 && codes.Max() >= values.Length))
        {
            throw Invalid();
        }
        return new NumberColumn(null, codes, values);

        static InvalidDataException Invalid() => new("The checkpoint's number column does not have one row per event.");
    }
}
