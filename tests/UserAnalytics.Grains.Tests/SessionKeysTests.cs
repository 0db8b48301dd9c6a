using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class SessionKeysTests
{
    private const long Minute = 60_000;

    [Fact]
    public void SessionSplitsAfterMoreThanThirtyMinutesOfSilence()
    {
        var store = Store(
            Event("u", "a", T0),
            Event("u", "b", T0 + (30 * Minute)),
            Event("u", "c", T0 + (60 * Minute) + 1));

        var ids = SessionIds(store);

        Assert.Equal(["u#1714557600", "u#1714557600", "u#1714561200"], ids);
    }

    [Fact]
    public void ExplicitSessionIdsAreKeptAndDoNotBreakDerivedOnes()
    {
        var store = Store(
            Event("u", "a", T0),
            Event("u", "b", T0 + (10 * Minute), sessionId: "s-1"),
            Event("u", "c", T0 + (29 * Minute)));

        Assert.Equal(["u#1714557600", "s-1", "u#1714557600"], SessionIds(store));
    }

    [Fact]
    public void ALateEventMergesTwoDerivedSessions()
    {
        var store = Store(Event("u", "a", T0), Event("u", "c", T0 + (50 * Minute)));
        Assert.Equal(2, SessionIds(store).Distinct().Count());

        store.Add(Event("u", "b", T0 + (25 * Minute)));

        Assert.Single(SessionIds(store).Distinct());
    }

    [Fact]
    public void SessionsAreComputedFromFilteredEventsButKeepTheirIdentity()
    {
        var store = Store(
            Event("u", "a", T0, platform: "ios"),
            Event("u", "b", T0 + Minute, platform: "web"),
            Event("u", "c", T0 + (2 * Minute), platform: "web"));

        var result = SessionScan.Run(store, new SessionsQuery(new EventFilter(Platform: "web"), 10), default);

        var session = Assert.Single(result.Rows);
        Assert.Equal("u#1714557600", session.SessionId);
        Assert.Equal(T0 + Minute, session.StartMs);
        Assert.Equal(2, session.EventCount);
    }

    [Fact]
    public void EqualTimestampsAreOrderedByEventId()
    {
        var store = Store(Event("u", "b", T0, device: "second"), Event("u", "a", T0, device: "first"));

        var session = Assert.Single(SessionScan.Run(store, new SessionsQuery(EventFilter.All, 10), default).Rows);

        Assert.Equal("first", session.Device);
    }

    private static EventStore Store(params GrainInterfaces.Rows.EventRow[] events)
    {
        var store = new EventStore();
        store.Add(events);
        return store;
    }

    private static List<string> SessionIds(EventStore store)
    {
        var user = store.Users.Single();
        var events = store.CreateView().Load(user);
        var sessions = new UserSessions();
        sessions.Assign(user.UserId, events);
        return Enumerable.Range(0, events.Count).Select(i => sessions.Id(i, store.Pool(EventColumn.Session))).ToList();
    }
}
