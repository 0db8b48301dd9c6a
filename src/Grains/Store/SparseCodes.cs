namespace UserAnalytics.Grains.Store;

/// <summary>
/// A code column of a sealed block in which almost every row holds code 0 (the empty value): only
/// the other rows are kept, as their row numbers in order and their codes. In the bench's data a
/// product id is on 0.3 % of the events, an event value on as many, and properties on none, yet
/// each cost one or two bytes on every row. Reading one row is a binary search over the kept rows;
/// a user's run is one search and a copy.
/// </summary>
internal sealed class SparseCodes
{
    private readonly int _length;
    private readonly int[] _rows;
    private readonly CodeVector _codes;

    private SparseCodes(int length, int[] rows, CodeVector codes)
    {
        _length = length;
        _rows = rows;
        _codes = codes;
    }

    public int Length => _length;

    public long Bytes => (_rows.Length * 4L) + _codes.Bytes;

    /// <summary>The column kept sparse when that takes at most half the bytes of one code per row; else null.</summary>
    public static SparseCodes? TryBuild(ReadOnlySpan<int> values, int maxCode)
    {
        var width = CodeVector.WidthFor(maxCode);
        var kept = values.Length - values.Count(0);
        if ((long)kept * (4 + width) * 2 > (long)values.Length * width)
        {
            return null;
        }
        var rows = new int[kept];
        var codes = new int[kept];
        for (int i = 0, k = 0; k < kept; i++)
        {
            if (values[i] != 0)
            {
                (rows[k], codes[k]) = (i, values[i]);
                k++;
            }
        }
        return new SparseCodes(values.Length, rows, CodeVector.Build(codes, maxCode));
    }

    public int this[int row]
    {
        get
        {
            var k = Array.BinarySearch(_rows, row);
            return k >= 0 ? _codes[k] : 0;
        }
    }

    public int Max() => _rows.Length == 0 ? 0 : _codes.Max();

    public void CopyTo(int start, Span<int> target)
    {
        target.Clear();
        var end = start + target.Length;
        for (var k = FirstAtOrAfter(start); k < _rows.Length && _rows[k] < end; k++)
        {
            target[_rows[k] - start] = _codes[k];
        }
    }

    public int Count(int code, int start, int length)
    {
        var (from, to) = (FirstAtOrAfter(start), FirstAtOrAfter(start + length));
        return code == 0 ? length - (to - from) : to > from ? _codes.Count(code, from, to - from) : 0;
    }

    public int IndexOf(int code, int start)
    {
        var k = FirstAtOrAfter(start);
        if (code != 0)
        {
            var at = k < _rows.Length ? _codes.IndexOf(code, k) : -1;
            return at < 0 ? -1 : _rows[at];
        }
        // The first row at or after start that is not kept.
        var row = start;
        for (; k < _rows.Length && _rows[k] == row; k++)
        {
            row++;
        }
        return row < _length ? row : -1;
    }

    /// <summary>The first kept row at or after <paramref name="row"/>, as an index into the kept rows.</summary>
    private int FirstAtOrAfter(int row)
    {
        var k = Array.BinarySearch(_rows, row);
        return k >= 0 ? k : ~k;
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(_length);
        BinaryArrays.Write(writer, _rows);
        _codes.Write(writer);
    }

    public static SparseCodes Read(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var rows = BinaryArrays.Read<int>(reader);
        var codes = CodeVector.ReadPlain(reader);
        if (length < 0 || codes.Length != rows.Length)
        {
            throw Invalid();
        }
        for (var k = 0; k < rows.Length; k++)
        {
            if (rows[k] < 0 || rows[k] >= length || (k > 0 && rows[k] <= rows[k - 1]) || codes[k] == 0)
            {
                throw Invalid();
            }
        }
        return new SparseCodes(length, rows, codes);

        static InvalidDataException Invalid() => new("The checkpoint's sparse code column is not in row order or out of range.");
    }
}
