using System.Buffers;
using System.Text;
using System.Text.Json;

namespace UserAnalytics.Gateway.Ingest;

/// <summary>Reads one JSON object into <see cref="RowValues"/> with the strict typing of the data
/// source: a string where a number is expected, or a time that is not a time, is an error naming
/// the column. Unknown keys are ignored.</summary>
internal static class JsonRowParser
{
    private const int MaxNameLength = 128;

    /// <summary>Parses one row; <paramref name="order"/> (the key order of the rows before, updated
    /// by this one) lets most keys skip the lookup by name.</summary>
    public static ParseOutcome Parse(ReadOnlySpan<byte> json, DataSource source, RowValues values, out string? error, KeyOrder? order = null)
    {
        values.Reset();
        error = null;
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read())
            {
                return ParseOutcome.Incomplete;
            }
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = "expected a JSON object";
                return ParseOutcome.Invalid;
            }
            Span<char> name = stackalloc char[MaxNameLength];
            var previous = -1;
            while (true)
            {
                if (!reader.Read())
                {
                    return ParseOutcome.Incomplete;
                }
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }
                var column = order?.Guess(ref reader, previous) ?? -1;
                if (column < 0)
                {
                    column = FindColumn(ref reader, source, name);
                    if (column >= 0)
                    {
                        order?.Saw(previous, column);
                    }
                }
                if (column >= 0)
                {
                    previous = column;
                }
                if (!reader.Read())
                {
                    return ParseOutcome.Incomplete;
                }
                if (column < 0)
                {
                    if (!reader.TrySkip())
                    {
                        return ParseOutcome.Incomplete;
                    }
                    continue;
                }
                if (reader.TokenType is (JsonTokenType.StartObject or JsonTokenType.StartArray) && source.Columns[column].Kind != ColumnKind.Json)
                {
                    error = $"column '{source.Columns[column].Name}': expected {Expected(source.Columns[column].Kind)}, got a JSON {(reader.TokenType == JsonTokenType.StartObject ? "object" : "array")}";
                    return ParseOutcome.Invalid;
                }
                var outcome = ReadValue(ref reader, source.Columns[column], column, values, out error);
                if (outcome != ParseOutcome.Row)
                {
                    return outcome;
                }
            }
            // Only whitespace may follow the object on its line.
            if (json[(int)reader.BytesConsumed..].IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                error = "unexpected data after the JSON object";
                return ParseOutcome.Invalid;
            }
            return ParseOutcome.Row;
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return ParseOutcome.Invalid;
        }
    }

    private static int FindColumn(ref Utf8JsonReader reader, DataSource source, scoped Span<char> buffer)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length <= MaxNameLength)
        {
            var length = Encoding.UTF8.GetChars(reader.ValueSpan, buffer);
            return source.ByName.TryGetValue(buffer[..length], out var column) ? column : -1;
        }
        var name = reader.GetString()!;
        return source.ByName.TryGetValue(name, out var found) ? found : -1;
    }

    private static ParseOutcome ReadValue(ref Utf8JsonReader reader, ColumnSpec spec, int column, RowValues values, out string? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            values.SetNull(column);
            return ParseOutcome.Row;
        }
        switch (spec.Kind)
        {
            case ColumnKind.String:
                SetText(ref reader, column, values);
                return ParseOutcome.Row;
            case ColumnKind.Json:
                return ReadJson(ref reader, column, values);
            case ColumnKind.DateTime:
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (TryParseTime(ref reader, out var ms))
                    {
                        values.SetNumber(column, ms);
                        return ParseOutcome.Row;
                    }
                }
                else if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var epoch) && Timestamps.TryFromEpoch(epoch, out var fromEpoch))
                {
                    values.SetNumber(column, fromEpoch);
                    return ParseOutcome.Row;
                }
                break;
            case ColumnKind.Float64:
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && double.IsFinite(number))
                {
                    values.SetNumber(column, number);
                    return ParseOutcome.Row;
                }
                break;
            case ColumnKind.Int32:
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var integer))
                {
                    values.SetNumber(column, integer);
                    return ParseOutcome.Row;
                }
                break;
            case ColumnKind.Bool:
                if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                {
                    values.SetNumber(column, reader.TokenType == JsonTokenType.True ? 1 : 0);
                    return ParseOutcome.Row;
                }
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var flag) && flag is 0 or 1)
                {
                    values.SetNumber(column, flag);
                    return ParseOutcome.Row;
                }
                break;
        }
        error = $"column '{spec.Name}': expected {Expected(spec.Kind)}, got {Describe(ref reader)}";
        return ParseOutcome.Invalid;
    }

    /// <summary>A string's text (unescaped), or a number's or boolean's JSON text, without allocating
    /// unless the string has escapes.</summary>
    private static void SetText(ref Utf8JsonReader reader, int column, RowValues values)
    {
        if (reader.HasValueSequence || (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped))
        {
            values.SetText(column, reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSequence.ToArray()));
            return;
        }
        values.SetText(column, reader.ValueSpan);
    }

    private static bool TryParseTime(ref Utf8JsonReader reader, out long ms)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > 64)
        {
            return Timestamps.TryParse(reader.GetString(), out ms);
        }
        Span<char> chars = stackalloc char[64];
        var length = Encoding.UTF8.GetChars(reader.ValueSpan, chars);
        return Timestamps.TryParse(chars[..length], out ms);
    }

    private static ParseOutcome ReadJson(ref Utf8JsonReader reader, int column, RowValues values)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            SetText(ref reader, column, values);
            return ParseOutcome.Row;
        }
        // Probe on a copy first: a value cut short must not be half-consumed.
        var probe = reader;
        if (!probe.TrySkip())
        {
            return ParseOutcome.Incomplete;
        }
        using var document = JsonDocument.ParseValue(ref reader);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.RootElement.WriteTo(writer);
        }
        values.SetText(column, buffer.WrittenSpan);
        return ParseOutcome.Row;
    }

    private static string Expected(ColumnKind kind) => kind switch
    {
        ColumnKind.DateTime => "a date and time (YYYY-MM-DD HH:MM:SS, ISO-8601 or Unix epoch)",
        ColumnKind.Float64 => "a number",
        ColumnKind.Int32 => "a whole number in the Int32 range",
        ColumnKind.Bool => "0, 1, true or false",
        ColumnKind.Json => "a JSON string or object",
        _ => "a string",
    };

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{Truncate(reader.GetString()!)}\"",
        JsonTokenType.Number => $"the number {Encoding.UTF8.GetString(reader.ValueSpan)}",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "a JSON object",
        JsonTokenType.StartArray => "a JSON array",
        _ => reader.TokenType.ToString(),
    };

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
