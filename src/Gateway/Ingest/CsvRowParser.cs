using System.Globalization;
using System.Text;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Reads the fields of one CSV row into <see cref="RowValues"/> with the data source's
/// typing. An empty field or <c>\N</c> takes the column's default.</summary>
internal static class CsvRowParser
{
    /// <summary>Maps header names (or aliases) to column indexes; unknown headers map to -1.</summary>
    public static int[] MapHeader(IReadOnlyList<string> header, DataSource source) =>
        [.. header.Select(name => source.ByName.TryGetValue(name.Trim(), out var column) ? column : -1)];

    public static string? Parse(CsvFields fields, int[] map, DataSource source, RowValues values)
    {
        values.Reset();
        if (fields.Count != map.Length)
        {
            return $"expected {map.Length} fields as in the header, got {fields.Count}";
        }
        for (var f = 0; f < fields.Count; f++)
        {
            var column = map[f];
            var text = fields[f];
            if (column < 0 || text.Length == 0 || text.SequenceEqual("\\N"u8))
            {
                continue;
            }
            var spec = source.Columns[column];
            switch (spec.Kind)
            {
                case ColumnKind.String:
                case ColumnKind.Json:
                    values.SetText(column, text);
                    break;
                case ColumnKind.DateTime when TryParseTime(text, out var ms):
                    values.SetNumber(column, ms);
                    break;
                case ColumnKind.Float64 when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                    values.SetNumber(column, number);
                    break;
                case ColumnKind.Int32 when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                    values.SetNumber(column, integer);
                    break;
                case ColumnKind.Bool when Bool(text) is { } flag:
                    values.SetNumber(column, flag ? 1 : 0);
                    break;
                default:
                    return $"column '{spec.Name}': '{Truncate(fields.Text(f))}' is not {Expected(spec.Kind)}";
            }
        }
        return null;
    }

    private static bool? Bool(ReadOnlySpan<byte> text) =>
        text.SequenceEqual("1"u8) || text.SequenceEqual("true"u8) ? true
        : text.SequenceEqual("0"u8) || text.SequenceEqual("false"u8) ? false
        : null;

    private static bool TryParseTime(ReadOnlySpan<byte> utf8, out long ms)
    {
        if (utf8.Length > 64)
        {
            return Timestamps.TryParse(Encoding.UTF8.GetString(utf8), out ms);
        }
        Span<char> chars = stackalloc char[64];
        var length = Encoding.UTF8.GetChars(utf8, chars);
        return Timestamps.TryParse(chars[..length], out ms);
    }

    private static string Expected(ColumnKind kind) => kind switch
    {
        ColumnKind.DateTime => "a date and time",
        ColumnKind.Float64 => "a number",
        ColumnKind.Int32 => "a whole number in the Int32 range",
        _ => "0, 1, true or false",
    };

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
