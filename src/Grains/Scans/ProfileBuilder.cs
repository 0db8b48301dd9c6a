using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Builds the personalisation profile from a user's own store: no scan of anyone else.</summary>
internal static class ProfileBuilder
{
    /// <summary>Builds the profile as of <paramref name="nowMs"/>, and the first time it would read
    /// differently without a new row: only the live session depends on the clock.</summary>
    public static (UserProfile Profile, long StableUntilMs) Build(EventStore store, string userId, long nowMs, int recentEvents, int topContent)
    {
        var user = store.FindUser(userId);
        if (user is null)
        {
            return (new UserProfile(userId, null, [], [], null, []), long.MaxValue);
        }
        var segments = (user.Memberships?.Values.ToArray() ?? [])
            .Where(m => m.Active)
            .Select(m => new SegmentMembership(m.SegmentId, m.SegmentName, m.CreatedAtMs))
            .OrderBy(m => m.SegmentId, StringOrder.Comparer)
            .ToArray();
        var top = AffinityScan.Run(store, new TopQuery(new EventFilter(RequireContent: true), topContent), default).Rows
            .OrderByDescending(r => r.AffinityScore).ThenBy(r => r.ContentId, StringOrder.Comparer)
            .Take(topContent)
            .ToArray();
        var recent = EventsScan.Run(store, new EventsQuery(EventFilter.All, recentEvents, NewestFirst: true), default).Rows
            .OrderByDescending(e => e.TimestampMs).ThenBy(e => e.EventId, StringOrder.Comparer)
            .Take(recentEvents)
            .ToArray();
        var (live, stableUntil) = Live(store, user, nowMs);
        return (new UserProfile(userId, store.Customer(user), segments, top, live, recent), stableUntil);
    }

    /// <summary>The session of the latest event, when that event is less than 30 minutes old; and
    /// when that answer changes with the clock alone (a future event's time, or the end of the
    /// session's 30 minutes).</summary>
    private static (LiveSession? Live, long StableUntilMs) Live(EventStore store, UserData user, long nowMs)
    {
        using var view = store.CreateView();
        var events = view.Load(user);
        if (events.Count == 0)
        {
            return (null, long.MaxValue);
        }
        var last = events.Count - 1;
        var lastMs = events.Timestamps[last];
        if (lastMs > nowMs)
        {
            return (null, lastMs);
        }
        if (nowMs - lastMs > SessionKeys.GapMs)
        {
            return (null, long.MaxValue);
        }
        using var sessions = new UserSessions();
        sessions.Assign(user.UserId, events);
        var key = sessions.Keys[last];
        var pages = events.Codes(EventColumn.Page);
        long count = 0;
        long start = lastMs;
        var lastPage = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (sessions.Keys[i] != key)
            {
                continue;
            }
            start = Math.Min(start, events.Timestamps[i]);
            count++;
            if (pages[i] != 0)
            {
                lastPage = pages[i];
            }
        }
        return (new LiveSession(sessions.Id(last, store.Pool(EventColumn.Session)), start, count, store.Pool(EventColumn.Page)[lastPage], lastMs), lastMs + SessionKeys.GapMs + 1);
    }
}
