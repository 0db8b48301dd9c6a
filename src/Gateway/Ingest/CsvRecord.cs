using System.Text;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Splits one CSV record (RFC 4180: fields in double quotes may hold commas, quotes as
/// <c>""</c> and line breaks) into fields.</summary>
internal static class CsvRecord
{
    /// <summary>True when the record's quotes are balanced, i.e. it does not continue on the next line.</summary>
    public static bool IsComplete(ReadOnlySpan<byte> record) => record.Count((byte)'"') % 2 == 0;

    /// <summary>Fills <paramref name="fields"/>; returns an error for a malformed record.</summary>
    public static string? Split(ReadOnlySpan<byte> record, List<string> fields)
    {
        fields.Clear();
        var text = Encoding.UTF8.GetString(record);
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < text.Length && text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return "a quoted field is not closed";
                    }
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] != ',')
                {
                    return $"unexpected character '{text[i]}' after a quoted field";
                }
            }
            else
            {
                var comma = text.IndexOf(',', i);
                var end = comma < 0 ? text.Length : comma;
                field.Append(text, i, end - i);
                i = end;
            }
            fields.Add(field.ToString());
            if (i >= text.Length)
            {
                return null;
            }
            i++; // the comma
        }
    }
}
