namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>A row that could not be stored, kept with the reason so nothing sent is lost.</summary>
/// <param name="Line">The raw line as received (truncated to a readable length).</param>
/// <param name="Error">Why the row was rejected, naming the column where one is at fault.</param>
/// <param name="LineNumber">1-based line number in the request body.</param>
/// <param name="ImportId">Id of the request or bulk import the row came with.</param>
/// <param name="InsertedAtMs">When the row was quarantined, UTC milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.QuarantineRow")]
public sealed record QuarantineRow(
    string Line,
    string Error,
    long LineNumber,
    string ImportId,
    long InsertedAtMs);
