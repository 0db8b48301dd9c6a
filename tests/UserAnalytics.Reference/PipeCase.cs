using System.Globalization;

namespace UserAnalytics.Reference;

/// <summary>One call of a pipe: its HTTP parameters and the same values as SQL literals.</summary>
public sealed class PipeCase
{
    private readonly List<(string Name, string Value)> _http = [];
    private readonly Dictionary<string, SqlValue> _sql = new(StringComparer.Ordinal);

    public PipeCase(string pipe)
    {
        Pipe = pipe;
    }

    public string Pipe { get; }

    public IReadOnlyDictionary<string, SqlValue> Sql => _sql;

    public string Query => string.Join('&', _http.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));

    public PipeCase Text(string name, string? value)
    {
        if (value is not null)
        {
            _http.Add((name, value));
            // An empty parameter counts as absent (docs/DECISIONS.md).
            _sql[name] = value.Length == 0 ? SqlValue.Null : SqlValue.Text(value);
        }
        return this;
    }

    public PipeCase Int(string name, long? value)
    {
        if (value is { } v)
        {
            _http.Add((name, v.ToString(CultureInfo.InvariantCulture)));
            _sql[name] = SqlValue.Number(v);
        }
        return this;
    }

    /// <summary>A time, sent in one of the accepted formats (chosen by <paramref name="style"/>).</summary>
    public PipeCase Time(string name, long? ms, int style = 0)
    {
        if (ms is not { } value)
        {
            return this;
        }
        var t = DateTimeOffset.FromUnixTimeMilliseconds(value);
        var text = (style % 4) switch
        {
            0 => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
            1 => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            2 => value.ToString(CultureInfo.InvariantCulture),
            _ => t.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
        };
        _http.Add((name, text));
        _sql[name] = SqlValue.Time(value);
        return this;
    }

    public PipeCase Window(long? from, long? to, int style = 0) => Time("start_date", from, style).Time("end_date", to, style + 1);

    /// <summary>A list, sent comma-separated or with the key repeated.</summary>
    public PipeCase List(string name, string[]? values, bool repeatKey = false)
    {
        if (values is null)
        {
            return this;
        }
        if (repeatKey)
        {
            foreach (var v in values)
            {
                _http.Add((name, v));
            }
        }
        else
        {
            _http.Add((name, string.Join(',', values)));
        }
        _sql[name] = SqlValue.List(values);
        return this;
    }

    public override string ToString() => $"{Pipe}?{Query}";
}
