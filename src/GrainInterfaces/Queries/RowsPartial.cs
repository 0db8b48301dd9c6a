namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>One shard's (or one user's) candidate rows for an ordered, limited answer. A shard
/// returns its best rows by the pipe's primary sort value and every row tied with the last of
/// them, so the merged top rows are exact whatever the tie-break.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Rows">The candidate rows, in no particular order.</param>
/// <param name="Total">How many rows matched before the limit.</param>
/// <param name="RowsRead">How many stored rows were scanned to answer.</param>
[GenerateSerializer, Immutable, Alias("ua.RowsPartial`1")]
public sealed record RowsPartial<T>(T[] Rows, long Total, long RowsRead);
