using System.Text;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>The fields of one CSV record as UTF-8, unquoted and unescaped, in one arena reused
/// from record to record: splitting a row allocates nothing.</summary>
internal sealed class CsvFields
{
    private readonly List<(int Start, int Length)> _fields = [];
    private byte[] _arena = new byte[1024];
    private int _used;

    public int Count => _fields.Count;

    public ReadOnlySpan<byte> this[int field] => _arena.AsSpan(_fields[field].Start, _fields[field].Length);

    public string Text(int field) => Encoding.UTF8.GetString(this[field]);

    public void Clear(int recordLength)
    {
        _fields.Clear();
        _used = 0;
        if (_arena.Length < recordLength)
        {
            _arena = new byte[Math.Max(recordLength, _arena.Length * 2)];
        }
    }

    /// <summary>Starts a field; its bytes follow with <see cref="Append"/>.</summary>
    public void Begin() => _fields.Add((_used, 0));

    public void Append(ReadOnlySpan<byte> bytes)
    {
        // The arena holds the whole record (Clear), and a field's text is never longer than its record text.
        bytes.CopyTo(_arena.AsSpan(_used));
        _used += bytes.Length;
        var last = _fields.Count - 1;
        _fields[last] = (_fields[last].Start, _fields[last].Length + bytes.Length);
    }
}
