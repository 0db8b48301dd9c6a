using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// Per user of the sealed block, a summary of the user's (user, item) pairs over all of its sealed
/// rows: how many pairs, the latest interaction and the best affinity score among them. A pair
/// scan whose window holds all of a user's rows can then count that user's pairs without
/// collecting them whenever none can reach its top (the top of 50 rises within a few hundred
/// users, and nearly every user after that is skipped). Built on the first such scan after a
/// compaction, like <see cref="SessionTable"/>; users with tail rows are always collected.
/// </summary>
internal sealed class PairTable
{
    private PairOrder? _byBestScore;
    private PairOrder? _byLastMs;

    private PairTable(SealedEvents source, int[] pairs, long[] lastMs, double[] bestScore)
    {
        Source = source;
        Pairs = pairs;
        LastMs = lastMs;
        BestScore = bestScore;
    }

    /// <summary>The sealed block described.</summary>
    public SealedEvents Source { get; }

    /// <summary>Per user index, the number of (user, item) pairs.</summary>
    public int[] Pairs { get; }

    /// <summary>Per user index, the latest interaction of any of its pairs.</summary>
    public long[] LastMs { get; }

    /// <summary>Per user index, the best affinity score (content_engagement's rounded score) of any of its pairs.</summary>
    public double[] BestScore { get; }

    /// <summary>The table's users, best affinity score first (sorted on first use).</summary>
    public PairOrder ByBestScore => _byBestScore ??= new PairOrder(this, BestScore);

    /// <summary>The table's users, latest interaction first (sorted on first use).</summary>
    public PairOrder ByLastMs => _byLastMs ??= new PairOrder(this, [.. LastMs.Select(ms => (double)ms)]);

    /// <summary>True when the table describes exactly the user's rows [<paramref name="start"/>,
    /// <paramref name="end"/>) of the sealed block: all of them, and no tail rows.</summary>
    public bool Covers(UserData user, int start, int end) =>
        user.TailRows is null && user.Index < Pairs.Length && Source.Range(user.Index) == (start, end);

    /// <summary>The store's table for <paramref name="item"/>, built now if the sealed block is new.</summary>
    public static PairTable Of(EventStore store, EventColumn item)
    {
        if (!store.PairTables.TryGetValue(item, out var table) || !ReferenceEquals(table.Source, store.Sealed))
        {
            table = Build(store, item);
            store.PairTables[item] = table;
        }
        return table;
    }

    private static PairTable Build(EventStore store, EventColumn item)
    {
        var users = store.Users;
        var (pairs, lastMs, bestScore) = (new int[users.Count], new long[users.Count], new double[users.Count]);
        using var collector = new PairCollector(store, item);
        var all = CompiledFilter.Compile(EventFilter.All, store);
        for (var u = 0; u < users.Count; u++)
        {
            if (users[u].TailRows is not null)
            {
                continue;
            }
            collector.Collect(users[u], all);
            var (last, best) = (long.MinValue, double.NegativeInfinity);
            foreach (ref readonly var pair in collector.Pairs)
            {
                last = Math.Max(last, pair.LastMs);
                best = Math.Max(best, pair.Score);
            }
            (pairs[u], lastMs[u], bestScore[u]) = (collector.Count, last, best);
        }
        return new PairTable(store.Sealed, pairs, lastMs, bestScore);
    }
}
