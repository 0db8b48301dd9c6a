using System.Globalization;
using UserAnalytics.Gateway.Ingest;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>A pipe call's parameters with Tinybird's typing: a value of the wrong type is a 400
/// naming the parameter; unknown parameters are ignored; an empty value counts as absent.</summary>
internal sealed class PipeParameters
{
    public const int MaxLimit = 1_000_000;
    private readonly Dictionary<string, List<string>> _values;

    public PipeParameters(Dictionary<string, List<string>> values)
    {
        _values = values;
    }

    public static PipeParameters Of(params (string Name, string Value)[] values)
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            if (!map.TryGetValue(name, out var list))
            {
                map[name] = list = [];
            }
            list.Add(value);
        }
        return new PipeParameters(map);
    }

    public string? String(string name)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            return null;
        }
        var value = list.FirstOrDefault(v => v.Length > 0);
        return value;
    }

    public string RequiredString(string name) =>
        String(name) ?? throw new BadParameterException(name, "is required");

    public int Int(string name, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return defaultValue;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new BadParameterException(name, $"'{text}' is not an Int32");
        }
        if (value < min || value > max)
        {
            throw new BadParameterException(name, $"{value} is outside {min}..{max}");
        }
        return value;
    }

    public int? OptionalInt(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BadParameterException(name, $"'{text}' is not an Int32");
    }

    public int Limit(int defaultValue) => Int("limit", defaultValue, 1, MaxLimit);

    public long? DateTime(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }
        return Timestamps.TryParse(text, out var ms)
            ? ms
            : throw new BadParameterException(name, $"'{text}' is not a date or date and time (YYYY-MM-DD[ HH:MM:SS], ISO-8601 or Unix epoch)");
    }

    /// <summary><c>start_date</c> and <c>end_date</c>, both inclusive.</summary>
    public (long? From, long? To) Window()
    {
        var from = DateTime("start_date");
        var to = DateTime("end_date");
        if (from > to)
        {
            throw new BadParameterException("start_date", "is after end_date");
        }
        return (from, to);
    }

    /// <summary>A list given comma-separated, by repeating the key, or both; in order.</summary>
    public string[]? List(string name)
    {
        if (!_values.TryGetValue(name, out var list))
        {
            return null;
        }
        var items = list
            .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .ToArray();
        return items.Length == 0 ? null : items;
    }

    public Bucket Bucket(string name, Bucket defaultValue)
    {
        var text = String(name);
        return text switch
        {
            null => defaultValue,
            "hour" => GrainInterfaces.Queries.Bucket.Hour,
            "day" => GrainInterfaces.Queries.Bucket.Day,
            "week" => GrainInterfaces.Queries.Bucket.Week,
            "month" => GrainInterfaces.Queries.Bucket.Month,
            _ => throw new BadParameterException(name, $"'{text}' is not one of hour, day, week, month"),
        };
    }
}
