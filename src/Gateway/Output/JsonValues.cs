using System.Text.Encodings.Web;
using System.Text.Json;
using UserAnalytics.Gateway.Ingest;

namespace UserAnalytics.Gateway.Output;

/// <summary>The values every JSON answer writes the same way: times as
/// <c>yyyy-MM-dd HH:mm:ss</c> and doubles as their shortest decimal, neither through a string.</summary>
internal static class JsonValues
{
    /// <summary>UTF-8 as it is, not escaped, as Tinybird's answers are.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteDateTime(Utf8JsonWriter w, long ms)
    {
        Span<byte> text = stackalloc byte[Timestamps.DateTimeBytes];
        w.WriteStringValue(Timestamps.FormatDateTime(ms, text));
    }

    public static void WriteDateTime(Utf8JsonWriter w, JsonEncodedText name, long ms)
    {
        w.WritePropertyName(name);
        WriteDateTime(w, ms);
    }

    /// <summary>A Float64 as JSON. Infinity and NaN (a sum or average of values near the largest
    /// double) have no JSON number: null, as ClickHouse writes them in JSON by default.</summary>
    public static void WriteDouble(Utf8JsonWriter w, double value)
    {
        if (!double.IsFinite(value))
        {
            w.WriteNullValue();
            return;
        }
        Span<byte> text = stackalloc byte[32];
        if (ShortDecimal.TryFormat(value, text, out var length))
        {
            w.WriteRawValue(text[..length], skipInputValidation: true);
        }
        else
        {
            w.WriteNumberValue(value);
        }
    }

    public static void WriteDouble(Utf8JsonWriter w, JsonEncodedText name, double value)
    {
        w.WritePropertyName(name);
        WriteDouble(w, value);
    }
}
