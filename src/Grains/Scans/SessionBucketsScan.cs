using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Sessions of the filtered events per bucket of their start: sessions, distinct users,
/// summed duration (ms), bounces and events.</summary>
internal static class SessionBucketsScan
{
    private const int Width = 5;

    public static GroupPartial Run(EventStore store, SessionBucketsQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        if (filter.MatchesNothing || store.EventCount == 0)
        {
            return GroupPartial.Empty(0, Width);
        }
        // A session starts at one of its events, so its bucket lies between the store's first and
        // last event (inside the window): buckets are numbered densely, as grouped scans do.
        var periods = new PeriodIndex(query.Bucket, Math.Max(filter.FromMs, store.MinTimestamp), Math.Min(filter.ToMs, store.MaxTimestamp));
        if (periods.Count <= 0)
        {
            return GroupPartial.Empty(0, Width);
        }
        var values = new double[periods.Count * Width];
        var lastUser = new int[periods.Count];
        Array.Fill(lastUser, -1);
        void Add(int user, long startMs, long durationMs, long events)
        {
            var bucket = periods.IndexOf(startMs);
            var at = bucket * Width;
            values[at]++;
            if (lastUser[bucket] != user)
            {
                lastUser[bucket] = user;
                values[at + 1]++;
            }
            values[at + 2] += durationMs;
            values[at + 3] += events == 1 ? 1 : 0;
            values[at + 4] += events;
        }

        using var collector = new SessionCollector(store);
        var whole = WholeSessions.For(store, filter);
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (whole is not null && whole.TryLoad(user))
            {
                read += whole.RowsInWindow;
                var table = whole.Table;
                for (var s = whole.First; s < whole.Last; s++)
                {
                    if (whole.Inside(s))
                    {
                        Add(user.Index, whole.StartMs(s), whole.DurationMs(s), table.Events[s]);
                    }
                }
                continue;
            }
            read += collector.Collect(user, filter);
            foreach (var session in collector.Sessions)
            {
                Add(user.Index, session.StartMs, session.DurationMs, session.Events);
            }
        }
        var partial = new GroupPartialBuilder(0, Width);
        for (var bucket = 0; bucket < periods.Count; bucket++)
        {
            if (lastUser[bucket] >= 0)
            {
                partial.Add(periods.StartOf(bucket), [], values.AsSpan(bucket * Width, Width));
            }
        }
        return partial.Build(read);
    }
}
