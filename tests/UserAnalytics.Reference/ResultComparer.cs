using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace UserAnalytics.Reference;

/// <summary>Compares a pipe's JSON envelope with the reference answer: column names, order and
/// types, row order and every value. Returns a description of the first difference, or null.</summary>
public static class ResultComparer
{
    /// <param name="envelope">The server's JSON envelope.</param>
    /// <param name="expected">The reference answer.</param>
    /// <param name="tolerance">Allowed absolute difference of doubles on top of 1e-9 relative: 0 for
    /// data whose sums are exact (the differential tests); 0.01 where sums of arbitrary decimals
    /// are added up in another order, which can move a rounded average by one cent.</param>
    public static string? Compare(JsonElement envelope, ReferenceResult expected, double tolerance = 0)
    {
        var meta = envelope.GetProperty("meta").EnumerateArray().Select(m => (Name: m.GetProperty("name").GetString()!, Type: m.GetProperty("type").GetString()!)).ToArray();
        var names = meta.Select(m => m.Name).ToArray();
        var expectedNames = expected.Columns.Select(c => c.Name).ToArray();
        if (!names.SequenceEqual(expectedNames))
        {
            return $"columns differ:\n  server:    {string.Join(", ", names)}\n  reference: {string.Join(", ", expectedNames)}";
        }
        for (var c = 0; c < meta.Length; c++)
        {
            if (!TypesAgree(meta[c].Type, expected.Columns[c].Type))
            {
                return $"column {meta[c].Name}: server type {meta[c].Type}, reference type {expected.Columns[c].Type}";
            }
        }
        var data = envelope.GetProperty("data").EnumerateArray().ToList();
        var rows = Math.Max(data.Count, expected.Rows.Count);
        for (var r = 0; r < rows; r++)
        {
            if (r >= data.Count || r >= expected.Rows.Count)
            {
                return $"{data.Count} rows from the server, {expected.Rows.Count} from the reference; first unmatched row {r}:\n"
                    + $"  server:    {(r < data.Count ? data[r].GetRawText() : "(none)")}\n  reference: {(r < expected.Rows.Count ? Render(expected.Rows[r]) : "(none)")}";
            }
            for (var c = 0; c < names.Length; c++)
            {
                if (!ValuesAgree(data[r].GetProperty(names[c]), expected.Rows[r][c], tolerance))
                {
                    return $"row {r} differs in {names[c]} ({data.Count} rows in all):\n  server:    {data[r].GetRawText()}\n  reference: {Render(expected.Rows[r])}";
                }
            }
        }
        return null;
    }

    private static bool TypesAgree(string server, string reference) => (server, reference.ToUpperInvariant()) switch
    {
        ("String", "VARCHAR") => true,
        ("DateTime" or "Nullable(DateTime)", var t) => t.StartsWith("TIMESTAMP", StringComparison.Ordinal),
        ("Date", "DATE") => true,
        ("UInt64" or "Int64" or "Int32", "BIGINT" or "INTEGER" or "HUGEINT" or "UBIGINT" or "UINTEGER") => true,
        ("Float64", "DOUBLE") => true,
        _ => false,
    };

    private static bool ValuesAgree(JsonElement actual, object? expected, double tolerance)
    {
        switch (expected)
        {
            case null:
                return actual.ValueKind == JsonValueKind.Null;
            case string s:
                return actual.ValueKind == JsonValueKind.String && actual.GetString() == s;
            case DateTime t:
                return actual.ValueKind == JsonValueKind.String && actual.GetString() == t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            case DateOnly d:
                return actual.ValueKind == JsonValueKind.String && actual.GetString() == d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case double x:
                if (actual.ValueKind != JsonValueKind.Number)
                {
                    return false;
                }
                var y = actual.GetDouble();
                // Sums may be added up in another order; every rounded value must match to the digit.
                return Math.Abs(x - y) <= (1e-9 * Math.Max(1, Math.Abs(x))) + tolerance;
            case long or int or short or byte or ulong or uint or BigInteger:
                return actual.ValueKind == JsonValueKind.Number && actual.TryGetDecimal(out var n)
                    && n == decimal.Parse(Convert.ToString(expected, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
            default:
                throw new InvalidOperationException($"Unexpected reference value type {expected.GetType()}.");
        }
    }

    public static string Render(object?[] row)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < row.Length; i++)
        {
            text.Append(i > 0 ? ", " : string.Empty).Append(row[i] switch
            {
                null => "NULL",
                string s => "\"" + s + "\"",
                DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var o => o.ToString(),
            });
        }
        return text.Append(']').ToString();
    }
}
