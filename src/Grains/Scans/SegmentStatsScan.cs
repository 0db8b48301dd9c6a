using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Per segment: members, and the activity of the members in the filtered events.</summary>
internal static class SegmentStatsScan
{
    public static SegmentStats[] Run(EventStore store, SegmentStatsQuery query, CancellationToken cancellationToken)
    {
        using var collector = new SessionCollector(store);
        var result = new SegmentStats[query.SegmentIds.Length];
        for (var s = 0; s < result.Length; s++)
        {
            var id = query.SegmentIds[s];
            var segment = store.FindSegment(id);
            var filter = CompiledFilter.Compile(query.Filter with { SegmentId = id }, store);
            var whole = WholeSessions.For(store, filter);
            var total = default(UserActivity);
            foreach (var user in filter.Users(store))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var activity = whole is not null && whole.TryLoad(user)
                    ? FromTable(store, whole, user, collector.Codes.Purchase)
                    : FromEvents(collector, filter, user);
                total = total.Add(activity);
            }
            result[s] = new SegmentStats(
                id, segment?.Name ?? string.Empty, segment?.NameUpdatedAtMs ?? long.MinValue, segment?.Members.Count ?? 0,
                total.Active, total.Events, total.Sessions, total.DurationMs, total.Purchasers, total.Read);
        }
        return result;
    }

    private static UserActivity FromEvents(SessionCollector collector, CompiledFilter filter, UserData user)
    {
        var read = collector.Collect(user, filter);
        if (collector.Count == 0)
        {
            return new UserActivity(0, 0, 0, 0, 0, read);
        }
        long events = 0, durationMs = 0;
        foreach (var session in collector.Sessions)
        {
            events += session.Events;
            durationMs += session.DurationMs;
        }
        var view = collector.View;
        var (start, end) = filter.Range(view);
        var types = view.Codes(EventColumn.EventType);
        var bought = false;
        for (var i = start; i < end && !bought; i++)
        {
            bought = types[i] == collector.Codes.Purchase && filter.Matches(view, i);
        }
        return new UserActivity(1, events, collector.Count, durationMs, bought ? 1 : 0, read);
    }

    private static UserActivity FromTable(EventStore store, WholeSessions whole, UserData user, int purchase)
    {
        var table = whole.Table;
        long sessions = 0, events = 0, durationMs = 0;
        for (var k = whole.First; k < whole.Last; k++)
        {
            if (whole.Inside(k))
            {
                sessions++;
                events += table.Events[k];
                durationMs += whole.DurationMs(k);
            }
        }
        if (sessions == 0)
        {
            return new UserActivity(0, 0, 0, 0, 0, whole.RowsInWindow);
        }
        var types = store.Sealed.Codes[(int)EventColumn.EventType];
        var (runStart, _) = store.Sealed.Range(user.Index);
        var (start, end) = whole.Window;
        var bought = false;
        for (var i = runStart + start; i < runStart + end && !bought; i++)
        {
            bought = types[i] == purchase;
        }
        return new UserActivity(1, events, sessions, durationMs, bought ? 1 : 0, whole.RowsInWindow);
    }

    /// <summary>What one user (or, summed, a segment) did in the window.</summary>
    private readonly record struct UserActivity(long Active, long Events, long Sessions, long DurationMs, long Purchasers, long Read)
    {
        public UserActivity Add(UserActivity other) => new(
            Active + other.Active, Events + other.Events, Sessions + other.Sessions,
            DurationMs + other.DurationMs, Purchasers + other.Purchasers, Read + other.Read);
    }
}
