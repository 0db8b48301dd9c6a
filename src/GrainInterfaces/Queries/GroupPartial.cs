namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>One shard's (or one user's) share of a grouped answer, as columns so that thousands of
/// groups travel as a few arrays. A group's key is one small number per dimension, an index into
/// that dimension's list of distinct values, so merging hashes numbers, not strings. Partials are
/// merged by adding values per (period, keys).</summary>
/// <param name="Periods">Per group, the bucket start in UTC milliseconds (0 when the query has no period).</param>
/// <param name="KeyIndexes">Per dimension, per group, the index of the group's value in <paramref name="KeyValues"/>.</param>
/// <param name="KeyValues">Per dimension, the distinct values the groups use.</param>
/// <param name="Values">Per measure, the group's value, one per group; counts are whole numbers.</param>
/// <param name="RowsRead">How many stored rows were scanned to answer.</param>
/// <param name="Omitted">For a query with a <see cref="GroupQuery.Top"/>: what the shard left
/// out, or null when it sent every group it has.</param>
[GenerateSerializer, Immutable, Alias("ua.GroupPartial")]
public sealed record GroupPartial(long[] Periods, int[][] KeyIndexes, string[][] KeyValues, double[][] Values, long RowsRead, GroupOmission? Omitted = null)
{
    /// <summary>An answer with no groups.</summary>
    /// <param name="dimensions">Number of key dimensions.</param>
    /// <param name="measures">Number of measures.</param>
    /// <param name="rowsRead">Rows scanned.</param>
    /// <returns>The empty partial.</returns>
    public static GroupPartial Empty(int dimensions, int measures, long rowsRead = 0) => new(
        [],
        [.. Enumerable.Range(0, dimensions).Select(_ => Array.Empty<int>())],
        [.. Enumerable.Range(0, dimensions).Select(_ => Array.Empty<string>())],
        [.. Enumerable.Range(0, measures).Select(_ => Array.Empty<double>())],
        rowsRead);

    /// <summary>The number of groups.</summary>
    public int Count => Periods.Length;

    /// <summary>The key string of a group in one dimension.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <param name="group">The group.</param>
    /// <returns>The value.</returns>
    public string Key(int dimension, int group) => KeyValues[dimension][KeyIndexes[dimension][group]];
}
