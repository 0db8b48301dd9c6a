namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>One shard's (or one user's) share of a grouped answer; partials are merged by adding values per key.</summary>
/// <param name="Rows">The groups.</param>
/// <param name="RowsRead">How many stored rows were scanned to answer.</param>
[GenerateSerializer, Immutable, Alias("ua.GroupPartial")]
public sealed record GroupPartial(GroupRow[] Rows, long RowsRead);
