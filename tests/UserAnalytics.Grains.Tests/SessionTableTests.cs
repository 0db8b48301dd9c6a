using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>The session scans answer from the table of sealed sessions when the filter is only a
/// window, and from events otherwise; a platform condition every event meets forces the second
/// path over the same events, so both must give the same answer.</summary>
public sealed class SessionTableTests
{
    private const long Minute = 60_000;

    public static TheoryData<long?, long?> Windows => new()
    {
        { null, null },
        { T0 + (90 * Minute), null },                      // cuts sessions on the first day
        { null, T0 + (26 * 60 * Minute) },                 // cuts sessions on the second day
        { T0 + (300 * Minute), T0 + (2000 * Minute) },
        { T0 + (10_000 * Minute), T0 + (20_000 * Minute) }, // late: only the longest-running users
    };

    [Theory]
    [MemberData(nameof(Windows))]
    public void SessionBucketsAreTheSameFromTheTableAndFromEvents(long? from, long? to)
    {
        var store = Store();
        var window = EventFilter.All with { FromMs = from, ToMs = to };

        var fromTable = SessionBucketsScan.Run(store, new SessionBucketsQuery(window, Bucket.Day), default);
        var fromEvents = SessionBucketsScan.Run(store, new SessionBucketsQuery(window with { Platform = "web" }, Bucket.Day), default);

        Assert.NotNull(store.SessionTable);
        Assert.Equal(fromEvents.Periods, fromTable.Periods);
        Assert.Equal(fromEvents.Values, fromTable.Values);
        Assert.Equal(fromEvents.RowsRead, fromTable.RowsRead);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void NewestSessionsAreTheSameFromTheTableAndFromEvents(long? from, long? to)
    {
        var store = Store();
        var window = EventFilter.All with { FromMs = from, ToMs = to };

        var fromTable = SessionScan.Run(store, new SessionsQuery(window, 7), default);
        var fromEvents = SessionScan.Run(store, new SessionsQuery(window with { Platform = "web" }, 7), default);

        Assert.NotNull(store.SessionTable);
        // The first four windows hold sessions, so the two paths agree on something.
        Assert.True(from == T0 + (10_000 * Minute) || fromTable.Total > 0, "no session in the window");
        Assert.Equal(fromEvents.Total, fromTable.Total);
        Assert.Equal(fromEvents.RowsRead, fromTable.RowsRead);
        Assert.Equal(fromEvents.Rows, fromTable.Rows);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void SegmentActivityIsTheSameFromTheTableAndFromEvents(long? from, long? to)
    {
        var store = Store();
        var window = EventFilter.All with { FromMs = from, ToMs = to };

        var fromTable = SegmentStatsScan.Run(store, new SegmentStatsQuery(["even", "odd"], window), default);
        var fromEvents = SegmentStatsScan.Run(store, new SegmentStatsQuery(["even", "odd"], window with { Platform = "web" }), default);

        Assert.NotNull(store.SessionTable);
        Assert.Equal(fromEvents, fromTable);
    }

    [Fact]
    public void ANewSealedBlockGetsANewTable()
    {
        var store = Store();
        SessionBucketsScan.Run(store, new SessionBucketsQuery(EventFilter.All, Bucket.Day), default);
        var first = store.SessionTable;

        store.Compact();
        SessionBucketsScan.Run(store, new SessionBucketsQuery(EventFilter.All, Bucket.Day), default);

        Assert.NotSame(first, store.SessionTable);
        Assert.Same(store.Sealed, store.SessionTable!.Source);
    }

    /// <summary>40 users over three days: derived sessions split by 30-minute gaps, client
    /// sessions interleaved with them, purchases; compacted, then a few users get tail rows.</summary>
    private static EventStore Store()
    {
        var random = new Random(42);
        var store = new EventStore();
        var events = new List<EventRow>();
        var memberships = new List<SegmentRow>();
        var id = 0;
        for (var u = 0; u < 40; u++)
        {
            var user = $"u{u:D2}";
            memberships.Add(new SegmentRow(user, u % 2 == 0 ? "even" : "odd", "s", T0, T0, Active: true));
            var t = T0 + (random.Next(0, 600) * Minute);
            for (var e = random.Next(1, 60); e > 0; e--)
            {
                t += random.Next(4) == 0 ? random.Next(31, 900) * Minute : random.Next(0, 20) * Minute;
                var session = random.Next(3) == 0 ? $"{user}-client-{random.Next(3)}" : "";
                var type = random.Next(6) switch { 0 => "purchase", 1 => "click", _ => "page_view" };
                events.Add(Event(user, $"e{id++}", t, eventType: type, sessionId: session, duration: random.Next(0, 90)));
            }
        }
        store.Apply(ShardBatch.Of(events, segments: memberships));
        store.Compact();
        var late = new List<EventRow>();
        for (var u = 0; u < 40; u += 7)
        {
            late.Add(Event($"u{u:D2}", $"late{u}", T0 + (random.Next(0, 3000) * Minute), eventType: "purchase"));
        }
        store.Apply(ShardBatch.Of(late));
        Assert.True(store.Tail.Count > 0);
        return store;
    }
}
