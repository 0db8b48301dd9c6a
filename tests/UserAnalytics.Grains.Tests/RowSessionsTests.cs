using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class RowSessionsTests
{
    private const long Minute = 60_000;

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public void ARowsSessionFoundByWalkingBackIsTheOneAssigningEveryEventGives(int seed, bool oldestFirst)
    {
        var random = new Random(seed);
        var events = new List<EventRow>();
        var t = T0;
        for (var i = 0; i < 3_000; i++)
        {
            // Gaps around the 30-minute line, ties, and explicit sessions now and then.
            t += random.Next(6) switch { 0 => 0, 1 => 30 * Minute, 2 => (30 * Minute) + 1, 3 => random.Next(90) * Minute, _ => random.Next(5) * Minute };
            events.Add(Event("u", $"e{i:D5}", t, sessionId: random.Next(4) == 0 ? $"s{random.Next(20)}" : ""));
        }
        var store = new EventStore();
        store.Add([.. events]);
        store.Compact();
        using var all = store.CreateView();
        var user = store.FindUser("u")!;
        var expected = new UserSessions();
        expected.Assign("u", all.Load(user));
        using var view = store.CreateView();
        var rows = new RowSessions();
        rows.Load("u", view.Load(user));
        var pool = store.Pool(EventColumn.Session);

        // Runs of rows in the answer's order with jumps between them, as timelines and filtered
        // timelines ask for them.
        var order = oldestFirst ? Enumerable.Range(0, view.Count) : Enumerable.Range(0, view.Count).Reverse();
        foreach (var i in order.Where(_ => random.Next(3) > 0))
        {
            Assert.Equal(expected.Id(i, pool), rows.Id(i, pool));
        }
    }

    [Fact]
    public void ARowsSessionIsFoundWithoutReadingTheUsersEarlierSessions()
    {
        // 40,000 rows a minute apart in sessions of their own, then one session-less row: its
        // session starts with it, which the 30 minutes before it tell.
        var events = Enumerable.Range(0, 40_000).Select(i => Event("u", $"e{i:D5}", T0 + (i * Minute), sessionId: $"s{i / 10}")).ToList();
        events.Add(Event("u", "last", T0 + (40_000 * Minute)));
        var store = new EventStore();
        store.Add([.. events]);
        store.Compact();
        using var view = store.CreateView();
        var rows = new RowSessions();
        rows.Load("u", view.Load(store.FindUser("u")!));

        Assert.Equal(SessionKeys.DerivedId("u", T0 + (40_000 * Minute)), rows.Id(40_000, store.Pool(EventColumn.Session)));
        Assert.True(rows.RowsWalked <= 31, $"walked {rows.RowsWalked} rows back");
    }
}
