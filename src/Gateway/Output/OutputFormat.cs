namespace UserAnalytics.Gateway.Output;

/// <summary>The formats a pipe answers in, chosen by the extension of its URL.</summary>
internal enum OutputFormat
{
    Json,
    Csv,
    Ndjson,
}
