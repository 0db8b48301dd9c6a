using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Answers a <see cref="SessionsQuery"/>: one row per session, newest start first.
/// Sessions never cross users, hence never cross shards, so each row is final here.</summary>
internal static class SessionScan
{
    public static RowsPartial<SessionRow> Run(EventStore store, SessionsQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        using var collector = new SessionCollector(store);
        var top = new TopThreshold<long>(query.Limit, largestFirst: true);
        var newest = new List<(UserData User, long StartMs)>();
        var whole = WholeSessions.For(store, filter);
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var latest = long.MinValue;
            if (whole is not null && whole.TryLoad(user))
            {
                read += whole.RowsInWindow;
                for (var s = whole.First; s < whole.Last; s++)
                {
                    if (whole.Inside(s))
                    {
                        var startMs = whole.StartMs(s);
                        top.Add(startMs);
                        latest = Math.Max(latest, startMs);
                    }
                }
            }
            else
            {
                read += collector.Collect(user, filter);
                foreach (var session in collector.Sessions)
                {
                    top.Add(session.StartMs);
                    latest = Math.Max(latest, session.StartMs);
                }
            }
            if (latest != long.MinValue)
            {
                newest.Add((user, latest));
            }
        }

        // Only users with a session among the best are collected again, with the distinct counts.
        var rows = new List<SessionRow>();
        Predicate<long> admitted = top.Admits;
        foreach (var (user, latest) in newest)
        {
            if (!top.Admits(latest))
            {
                continue;
            }
            collector.Collect(user, filter, admitted);
            foreach (var s in collector.Sessions)
            {
                if (top.Admits(s.StartMs))
                {
                    rows.Add(ToRow(store, user, collector, s));
                }
            }
        }
        return new RowsPartial<SessionRow>([.. rows], top.Seen, read);
    }

    private static SessionRow ToRow(EventStore store, UserData user, SessionCollector collector, in SessionAcc s)
    {
        var events = collector.View;
        var first = s.FirstIndex;
        string First(EventColumn column) => store.Pool(column)[events.Codes(column)[first]];
        return new SessionRow(
            collector.Keys.IdOfKey(s.Key, store.Pool(EventColumn.Session)), user.UserId,
            First(EventColumn.Platform), First(EventColumn.Device), First(EventColumn.Browser), First(EventColumn.Country),
            s.StartMs, s.EndMs, s.Events, s.PageViews, s.UniquePages, s.UniqueContent, s.Interactions, s.TotalDuration);
    }
}
