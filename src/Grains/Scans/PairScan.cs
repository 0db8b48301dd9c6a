using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Per-(user, item) engagement rows, best first by a rank, with every row tied with the
/// last admitted one. Pairs never cross users, so each row is final here.</summary>
internal static class PairScan
{
    public static RowsPartial<TRow> Run<TRow, TRank, TRanking>(
        EventStore store,
        TopQuery query,
        EventColumn item,
        TRanking ranking,
        Func<UserData, PairAcc, string, TRow> toRow,
        CancellationToken cancellationToken)
        where TRank : struct, IComparable<TRank>
        where TRanking : struct, IPairRank<TRank>
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        using var scan = new PairTop<TRank, TRanking>(store, filter, item, ranking, query.Limit);
        // With no condition but the window, the table summarizes every user whose rows the
        // window holds whole: when its best pair cannot reach the top, its pairs are only counted.
        var table = !filter.MatchesNothing && (filter.TimeOnly || filter.OnlyRequiresNonEmpty == item) && query.Limit > 0
            ? PairTable.Of(store, item)
            : null;
        var users = filter.Users(store);
        if (table is not null && ReferenceEquals(users, store.Users) && filter.FromMs <= store.MinTimestamp && filter.ToMs >= store.MaxTimestamp)
        {
            scan.BestFirst(table, cancellationToken);
        }
        else
        {
            scan.InOrder(users, table, cancellationToken);
        }
        var names = store.Pool(item);
        return new RowsPartial<TRow>([.. scan.Rows().Select(c => toRow(c.User, c.Pair, names[c.Pair.Item]))], scan.Top.Seen, scan.Read);
    }

    /// <summary>The state of one pair scan: the top so far and the pairs it admitted on the way.</summary>
    private sealed class PairTop<TRank, TRanking>(EventStore store, CompiledFilter filter, EventColumn item, TRanking ranking, int limit) : IDisposable
        where TRank : struct, IComparable<TRank>
        where TRanking : struct, IPairRank<TRank>
    {
        private readonly PairCollector _collector = new(store, item);

        // One pass: a pair admitted at the end was admitted when it was met (the threshold only
        // rises), so keeping every pair admitted on the way and filtering once at the end is exact.
        private readonly List<(UserData User, PairAcc Pair, TRank Rank)> _candidates = [];
        private int _prunedAt = (4 * limit) + 64;

        public TopThreshold<TRank> Top { get; } = new(limit, largestFirst: true);

        public long Read { get; private set; }

        /// <summary>Users in the filter's order; those the table covers and that cannot reach the
        /// top are counted from it.</summary>
        public void InOrder(IEnumerable<UserData> users, PairTable? table, CancellationToken cancellationToken)
        {
            var sealedEvents = store.Sealed;
            foreach (var user in users)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (table is not null && Top.Full)
                {
                    var (start, end) = filter.Range(sealedEvents, user);
                    if (table.Covers(user, start, end) && ranking.UserBelow(table, user.Index, Top.Worst))
                    {
                        Top.AddWorse(table.Pairs[user.Index]);
                        Read += end - start;
                        continue;
                    }
                }
                Collect(user);
            }
        }

        /// <summary>Every user, when the window holds all rows: the table's users best first until
        /// one cannot reach the top (then none after it can); after that, only the users with tail
        /// rows (the table describes them in part) and those newer than the table are collected.</summary>
        public void BestFirst(PairTable table, CancellationToken cancellationToken)
        {
            var order = ranking.BestFirst(table);
            var users = store.Users;
            var k = 0;
            for (; k < order.Users.Length; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var user = users[order.Users[k]];
                if (Top.Full && ranking.UserBelow(table, user.Index, Top.Worst))
                {
                    break;
                }
                Collect(user);
            }
            var (pairs, rows) = (order.PairsFrom[k], order.RowsFrom[k]);
            foreach (var user in store.TailUsers)
            {
                // Users the table describes only in part, because they have rows since it was built.
                if (user.Index < order.Users.Length && order.PositionOf[user.Index] >= k)
                {
                    var (start, end) = table.Source.Range(user.Index);
                    (pairs, rows) = (pairs - table.Pairs[user.Index], rows - (end - start));
                    Collect(user);
                }
            }
            Top.AddWorse(pairs);
            Read += rows;
            for (var u = order.Users.Length; u < users.Count; u++)
            {
                Collect(users[u]);
            }
        }

        public void Dispose() => _collector.Dispose();

        /// <summary>The pairs admitted by the final top.</summary>
        public IEnumerable<(UserData User, PairAcc Pair)> Rows() =>
            _candidates.Where(c => Top.Admits(c.Rank)).Select(c => (c.User, c.Pair));

        private void Collect(UserData user)
        {
            Read += _collector.Collect(user, filter);
            foreach (ref readonly var pair in _collector.Pairs)
            {
                // Most pairs rank far below the best few: count them without ranking them.
                if (Top.Full && limit > 0 && ranking.Below(pair, Top.Worst))
                {
                    Top.AddWorse();
                    continue;
                }
                var r = ranking.Rank(pair);
                Top.Add(r);
                if (Top.Admits(r))
                {
                    _candidates.Add((user, pair, r));
                }
            }
            if (_candidates.Count > _prunedAt)
            {
                _candidates.RemoveAll(c => !Top.Admits(c.Rank));
                _prunedAt = Math.Max(_prunedAt, 2 * _candidates.Count);
            }
        }
    }
}
