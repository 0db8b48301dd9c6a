using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using UserAnalytics.Gateway.Ingest;

namespace UserAnalytics.Gateway.Output;

/// <summary>Writes a <see cref="PipeResult"/> as Tinybird does: the JSON envelope (meta, data,
/// rows, rows_before_limit_at_least, statistics), CSV with a header row (ClickHouse's
/// CSVWithNames quoting), or NDJSON.</summary>
internal static class ResultWriter
{
    /// <summary>Estimated bytes of one stored event row, for the <c>bytes_read</c> statistic.</summary>
    public const long BytesPerRow = 64;

    private static readonly JsonWriterOptions JsonOptions = JsonValues.WriterOptions;

    public static string ContentType(OutputFormat format) => format switch
    {
        OutputFormat.Csv => "text/csv; charset=utf-8",
        OutputFormat.Ndjson => "application/x-ndjson",
        _ => "application/json",
    };

    /// <summary>Writes the whole answer, then sends it (<see cref="PooledBody"/>).</summary>
    public static async Task WriteAsync(HttpResponse response, PipeResult result, OutputFormat format, double elapsedSeconds)
    {
        using var body = new PooledBody();
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(body, result);
                break;
            case OutputFormat.Ndjson:
                WriteNdjson(body, result);
                break;
            default:
                WriteJson(body, result, elapsedSeconds);
                break;
        }
        response.ContentType = ContentType(format);
        await body.SendAsync(response);
    }

    public static void WriteJson(IBufferWriter<byte> output, PipeResult result, double elapsedSeconds)
    {
        using var w = new Utf8JsonWriter(output, JsonOptions);
        w.WriteStartObject();
        w.WriteStartArray("meta");
        foreach (var column in result.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("type", column.Type.MetaName());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("data");
        foreach (var row in result.Rows)
        {
            WriteObject(w, result.Columns, row);
        }
        w.WriteEndArray();
        w.WriteNumber("rows", result.Rows.Count);
        w.WriteNumber("rows_before_limit_at_least", result.RowsBeforeLimit);
        w.WriteStartObject("statistics");
        w.WriteNumber("elapsed", Math.Round(elapsedSeconds, 6));
        w.WriteNumber("rows_read", result.RowsRead);
        w.WriteNumber("bytes_read", result.RowsRead * BytesPerRow);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNdjson(IBufferWriter<byte> output, PipeResult result)
    {
        using var w = new Utf8JsonWriter(output, JsonOptions);
        foreach (var row in result.Rows)
        {
            WriteObject(w, result.Columns, row);
            w.Flush();
            w.Reset();
            output.Write("\n"u8);
        }
    }

    private static void WriteObject(Utf8JsonWriter w, PipeColumn[] columns, object?[] row)
    {
        w.WriteStartObject();
        for (var c = 0; c < columns.Length; c++)
        {
            w.WritePropertyName(columns[c].JsonName);
            switch (row[c])
            {
                case null:
                    w.WriteNullValue();
                    break;
                case string s:
                    w.WriteStringValue(s);
                    break;
                case long l when columns[c].Type is ColumnType.DateTime or ColumnType.NullableDateTime:
                    JsonValues.WriteDateTime(w, l);
                    break;
                case long l when columns[c].Type == ColumnType.Date:
                    w.WriteStringValue(Timestamps.FormatDate(l));
                    break;
                case long l:
                    w.WriteNumberValue(l);
                    break;
                case double d:
                    JsonValues.WriteDouble(w, d);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected value type {row[c]!.GetType()} in column {columns[c].Name}.");
            }
        }
        w.WriteEndObject();
    }

    private static void WriteCsv(IBufferWriter<byte> output, PipeResult result)
    {
        var text = new StringBuilder();
        text.AppendJoin(',', result.Columns.Select(c => Quote(c.Name))).Append('\n');
        foreach (var row in result.Rows)
        {
            for (var c = 0; c < result.Columns.Length; c++)
            {
                if (c > 0)
                {
                    text.Append(',');
                }
                text.Append(row[c] switch
                {
                    null => "\\N",
                    string s => Quote(s),
                    long l when result.Columns[c].Type is ColumnType.DateTime or ColumnType.NullableDateTime => Quote(Timestamps.FormatDateTime(l)),
                    long l when result.Columns[c].Type == ColumnType.Date => Quote(Timestamps.FormatDate(l)),
                    long l => l.ToString(CultureInfo.InvariantCulture),
                    double d => d.ToString("R", CultureInfo.InvariantCulture),
                    var other => Quote(other.ToString() ?? string.Empty),
                });
            }
            text.Append('\n');
        }
        output.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
