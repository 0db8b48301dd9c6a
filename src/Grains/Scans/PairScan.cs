using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Per-(user, item) engagement rows, best first by a rank, with every row tied with the
/// last admitted one. Pairs never cross users, so each row is final here.</summary>
internal static class PairScan
{
    public static RowsPartial<TRow> Run<TRow, TRank>(
        EventStore store,
        TopQuery query,
        EventColumn item,
        Func<PairAcc, TRank> rank,
        Func<UserData, PairAcc, string, TRow> toRow,
        CancellationToken cancellationToken)
        where TRank : struct, IComparable<TRank>
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        var collector = new PairCollector(store, item);
        var top = new TopThreshold<TRank>(query.Limit, largestFirst: true);
        // One pass: a pair admitted at the end was admitted when it was met (the threshold only
        // rises), so keeping every pair admitted on the way and filtering once at the end is exact.
        var candidates = new List<(UserData User, PairAcc Pair, TRank Rank)>();
        var prunedAt = 4 * query.Limit + 64;
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            read += collector.Collect(user, filter);
            foreach (var pair in collector.Pairs)
            {
                var r = rank(pair);
                top.Add(r);
                if (top.Admits(r))
                {
                    candidates.Add((user, pair, r));
                }
            }
            if (candidates.Count > prunedAt)
            {
                candidates.RemoveAll(c => !top.Admits(c.Rank));
                prunedAt = Math.Max(prunedAt, 2 * candidates.Count);
            }
        }
        var names = store.Pool(item);
        var rows = new List<TRow>();
        foreach (var (user, pair, r) in candidates)
        {
            if (top.Admits(r))
            {
                rows.Add(toRow(user, pair, names[pair.Item]));
            }
        }
        return new RowsPartial<TRow>([.. rows], top.Seen, read);
    }
}
