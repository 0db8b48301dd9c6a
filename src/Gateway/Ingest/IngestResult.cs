namespace UserAnalytics.Gateway.Ingest;

/// <summary>The outcome of one append request.</summary>
internal sealed record IngestResult(long SuccessfulRows, long QuarantinedRows, long InvalidLines, string ImportId);
