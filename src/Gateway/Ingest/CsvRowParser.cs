using System.Globalization;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Reads the fields of one CSV row into <see cref="RowValues"/> with the data source's
/// typing. An empty field or <c>\N</c> takes the column's default.</summary>
internal static class CsvRowParser
{
    /// <summary>Maps header names (or aliases) to column indexes; unknown headers map to -1.</summary>
    public static int[] MapHeader(IReadOnlyList<string> header, DataSource source) =>
        [.. header.Select(name => source.ByName.TryGetValue(name.Trim(), out var column) ? column : -1)];

    public static string? Parse(IReadOnlyList<string> fields, int[] map, DataSource source, RowValues values)
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
            if (column < 0 || text.Length == 0 || text == "\\N")
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
                case ColumnKind.DateTime when Timestamps.TryParse(text, out var ms):
                    values.SetNumber(column, ms);
                    break;
                case ColumnKind.Float64 when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number):
                    values.SetNumber(column, number);
                    break;
                case ColumnKind.Int32 when int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer):
                    values.SetNumber(column, integer);
                    break;
                case ColumnKind.Bool when text is "0" or "1" or "true" or "false":
                    values.SetNumber(column, text is "1" or "true" ? 1 : 0);
                    break;
                default:
                    return $"column '{spec.Name}': '{Truncate(text)}' is not {Expected(spec.Kind)}";
            }
        }
        return null;
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
