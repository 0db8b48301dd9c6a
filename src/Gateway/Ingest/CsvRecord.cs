namespace UserAnalytics.Gateway.Ingest;

/// <summary>Splits one CSV record (RFC 4180: fields in double quotes may hold commas, quotes as
/// <c>""</c> and line breaks) into fields.</summary>
internal static class CsvRecord
{
    /// <summary>True when the record's quotes are balanced, i.e. it does not continue on the next line.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> record) => record.Count((byte)'"') % 2 == 0;

    /// <summary>Fills <paramref name="fields"/>; returns an error for a malformed record.</summary>
    public static string? Split(ReadOnlySpan<byte> record, CsvFields fields)
    {
        fields.Clear(record.Length);
        var i = 0;
        while (true)
        {
            fields.Begin();
            if (i < record.Length && record[i] == '"')
            {
                i++;
                while (true)
                {
                    var quote = record[i..].IndexOf((byte)'"');
                    if (quote < 0)
                    {
                        return "a quoted field is not closed";
                    }
                    fields.Append(record.Slice(i, quote));
                    i += quote + 1;
                    if (i < record.Length && record[i] == '"')
                    {
                        fields.Append("\""u8);
                        i++;
                        continue;
                    }
                    break;
                }
                if (i < record.Length && record[i] != ',')
                {
                    return $"unexpected character '{(char)record[i]}' after a quoted field";
                }
            }
            else
            {
                var comma = record[i..].IndexOf((byte)',');
                var end = comma < 0 ? record.Length : i + comma;
                fields.Append(record[i..end]);
                i = end;
            }
            if (i >= record.Length)
            {
                return null;
            }
            i++; // the comma
        }
    }
}
