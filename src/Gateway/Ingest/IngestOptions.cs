namespace UserAnalytics.Gateway.Ingest;

/// <summary>Limits and batching of the Events and Data Sources APIs.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest Events API body in bytes (after decompression); larger is a 413.</summary>
    public long MaxEventsBodyBytes { get; set; } = 64L << 20;

    /// <summary>Largest single row in bytes; a longer line is quarantined.</summary>
    public int MaxLineBytes { get; set; } = 4 << 20;

    /// <summary>Rows buffered before they are sent on to the shards.</summary>
    public int FlushRows { get; set; } = 16_384;

    /// <summary>Flushes of one request that may be on their way to the shards at once.</summary>
    public int MaxFlushesInFlight { get; set; } = 4;

    /// <summary>Ingest requests (Events API and bulk loads together) one gateway works on at once;
    /// one more is answered 429 with Retry-After (see <see cref="IngestAdmission"/>).</summary>
    public int MaxRequestsInFlight { get; set; } = 256;

    /// <summary>Raw text kept of a quarantined row.</summary>
    public int MaxQuarantinedLineChars { get; set; } = 8192;
}
