namespace UserAnalytics.Gateway.Ingest;

/// <summary>What reading one record gave.</summary>
internal enum ParseOutcome
{
    /// <summary>A row was read.</summary>
    Row,
    /// <summary>The record is malformed; the error says why.</summary>
    Invalid,
    /// <summary>The JSON value is not finished: the record may continue on the next line.</summary>
    Incomplete,
}
