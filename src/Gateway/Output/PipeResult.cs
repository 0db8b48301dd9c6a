namespace UserAnalytics.Gateway.Output;

/// <summary>A pipe's answer before formatting. Row values are <see cref="string"/>, <see cref="long"/>,
/// <see cref="double"/> or null; DateTime and Date columns hold UTC milliseconds as <see cref="long"/>.</summary>
internal sealed record PipeResult(PipeColumn[] Columns, IReadOnlyList<object?[]> Rows, long RowsBeforeLimit, long RowsRead);
