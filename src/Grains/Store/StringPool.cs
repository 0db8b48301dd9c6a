namespace UserAnalytics.Grains.Store;

/// <summary>Dictionary encoding for the string columns of one store: each distinct value is kept
/// once and rows hold its code. Code 0 is always the empty string.</summary>
internal sealed class StringPool
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal) { [string.Empty] = 0 };
    private readonly List<string> _values = [string.Empty];

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

    /// <summary>The code of <paramref name="value"/>, or -1 when no stored row has it.</summary>
    public int Find(string value) => _codes.TryGetValue(value, out var code) ? code : -1;
}
