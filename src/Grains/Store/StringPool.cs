namespace UserAnalytics.Grains.Store;

/// <summary>Dictionary encoding for the string columns of one store: each distinct value is kept
/// once and rows hold its code. Code 0 is always the empty string.</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal) { [string.Empty] = 0 };
    private readonly List<string> _values = [string.Empty];
    private char[] _chars = new char[256];

    public StringPool()
    {
        ByChars = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ByChars { get; }

    public int Count => _values.Count;

    public string this[int code] => _values[code];

    public int Intern(string value)
    {
        if (_codes.TryGetValue(value, out var code))
        {
            return code;
        }
        code = _values.Count;
        _values.Add(value);
        _codes.Add(value, code);
        return code;
    }

    /// <summary>Interns UTF-8 text: the string is only allocated the first time a value is seen.</summary>
    public int Intern(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty)
        {
            return 0;
        }
        if (_chars.Length < utf8.Length)
        {
            _chars = new char[Math.Max(utf8.Length, _chars.Length * 2)];
        }
        var chars = _chars.AsSpan(0, System.Text.Encoding.UTF8.GetChars(utf8, _chars));
        if (ByChars.TryGetValue(chars, out var code))
        {
            return code;
        }
        return Intern(new string(chars));
    }

    /// <summary>The code of <paramref name="value"/>, or -1 when no stored row has it.</summary>
    public int Find(string value) => _codes.TryGetValue(value, out var code) ? code : -1;
}
