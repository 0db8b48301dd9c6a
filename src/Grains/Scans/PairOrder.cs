namespace UserAnalytics.Grains.Scans;

/// <summary>The users of a <see cref="PairTable"/> sorted by their best pair, best first, with
/// suffix sums: once one user of the order cannot reach a top, no later one can, and their pairs
/// and rows are counted in one step.</summary>
internal sealed class PairOrder
{
    public PairOrder(PairTable table, double[] best)
    {
        var users = best.Length;
        Users = [.. Enumerable.Range(0, users)];
        var keys = best.Select(v => -v).ToArray();
        Array.Sort(keys, Users);
        PositionOf = new int[users];
        PairsFrom = new long[users + 1];
        RowsFrom = new long[users + 1];
        for (var k = users - 1; k >= 0; k--)
        {
            var u = Users[k];
            PositionOf[u] = k;
            var (start, end) = table.Source.Range(u);
            PairsFrom[k] = PairsFrom[k + 1] + table.Pairs[u];
            RowsFrom[k] = RowsFrom[k + 1] + (end - start);
        }
    }

    /// <summary>User indexes, best first.</summary>
    public int[] Users { get; }

    /// <summary>Per user index, its place in <see cref="Users"/>.</summary>
    public int[] PositionOf { get; }

    /// <summary>Pairs of the users from place k on.</summary>
    public long[] PairsFrom { get; }

    /// <summary>Sealed rows of the users from place k on.</summary>
    public long[] RowsFrom { get; }
}
