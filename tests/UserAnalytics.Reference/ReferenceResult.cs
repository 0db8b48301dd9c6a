namespace UserAnalytics.Reference;

/// <summary>A reference answer: columns (name, database type) and rows.</summary>
public sealed record ReferenceResult((string Name, string Type)[] Columns, List<object?[]> Rows);
