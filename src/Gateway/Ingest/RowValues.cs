using System.Text;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>The parsed values of one incoming row, by column index; reused from row to row. Text is
/// kept as UTF-8 in one arena, so a row costs no string allocation on its way to the shards.</summary>
internal sealed class RowValues
{
    private readonly int[] _start;
    private readonly int[] _length;
    private readonly double[] _numbers;
    private readonly bool[] _present;
    private byte[] _arena = new byte[1024];
    private int _used;

    public RowValues(int columns)
    {
        _start = new int[columns];
        _length = new int[columns];
        _numbers = new double[columns];
        _present = new bool[columns];
    }

    public void Reset()
    {
        Array.Clear(_length);
        Array.Clear(_numbers);
        Array.Clear(_present);
        _used = 0;
    }

    public bool IsPresent(int column) => _present[column];

    public void SetText(int column, ReadOnlySpan<byte> utf8)
    {
        if (_used + utf8.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + utf8.Length));
        }
        utf8.CopyTo(_arena.AsSpan(_used));
        _start[column] = _used;
        _length[column] = utf8.Length;
        _used += utf8.Length;
        _present[column] = true;
    }

    public void SetText(int column, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        if (_used + count > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _used + count));
        }
        Encoding.UTF8.GetBytes(value, _arena.AsSpan(_used));
        _start[column] = _used;
        _length[column] = count;
        _used += count;
        _present[column] = true;
    }

    public void SetNumber(int column, double value)
    {
        _numbers[column] = value;
        _present[column] = true;
    }

    /// <summary>Marks a column as explicitly null: it takes its default.</summary>
    public void SetNull(int column)
    {
        _length[column] = 0;
        _numbers[column] = 0;
        _present[column] = false;
    }

    public ReadOnlySpan<byte> Text(int column) => _arena.AsSpan(_start[column], _length[column]);

    public string String(int column) => _length[column] == 0 ? string.Empty : Encoding.UTF8.GetString(Text(column));

    public double Number(int column) => _numbers[column];

    public long Time(int column) => (long)_numbers[column];
}
