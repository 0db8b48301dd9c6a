namespace UserAnalytics.Gateway.Ingest;

/// <summary>One column of a data source as clients may send it.</summary>
internal sealed record ColumnSpec(string Name, ColumnKind Kind, bool Required = false, params string[] Aliases);
