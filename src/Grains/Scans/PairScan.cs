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
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            read += collector.Collect(user, filter);
            foreach (var pair in collector.Pairs)
            {
                top.Add(rank(pair));
            }
        }
        var rows = new List<TRow>();
        foreach (var user in filter.Users(store))
        {
            collector.Collect(user, filter);
            foreach (var pair in collector.Pairs)
            {
                if (top.Admits(rank(pair)))
                {
                    rows.Add(toRow(user, pair, store.Pool(item)[pair.Item]));
                }
            }
        }
        return new RowsPartial<TRow>([.. rows], top.Seen, read);
    }
}
