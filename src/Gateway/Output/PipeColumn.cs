namespace UserAnalytics.Gateway.Output;

/// <summary>One output column of a pipe.</summary>
internal sealed record PipeColumn(string Name, ColumnType Type);
