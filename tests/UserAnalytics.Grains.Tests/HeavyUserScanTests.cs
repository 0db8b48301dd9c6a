using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>A user grain's questions about a user with 60,000 events allocate by the answer, not
/// by the user's events: per-question buffers of the user's length went to the large object heap,
/// whose collections stalled a silo's every request (decision 74). Alone in its collection, since
/// it counts the bytes its thread allocates and the buffers come from the shared pool.</summary>
[Collection(Name)]
public sealed class HeavyUserScanTests
{
    public const string Name = "allocation counts";

    // The buffers these scans used to allocate per question were 0.5–6 MB.
    private const long Budget = 300_000;

    private static readonly EventStore Store = HeavyUser(60_000);

    public static TheoryData<string> Scans => ["timeline", "latest events", "sessions", "content affinity", "recommendations", "activity"];

    [Theory]
    [MemberData(nameof(Scans))]
    public void AQuestionAboutAHeavyUserAllocatesByItsAnswer(string scan)
    {
        var run = Question(scan);
        run();
        run();

        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < Budget, $"{scan}: {allocated:N0} bytes");
    }

    private static Action Question(string scan)
    {
        var user = new EventFilter(UserId: "heavy");
        return scan switch
        {
            "timeline" => () => EventsScan.Run(Store, new EventsQuery(user, 100, NewestFirst: false), default),
            "latest events" => () => EventsScan.Run(Store, new EventsQuery(user, 100, NewestFirst: true), default),
            "sessions" => () => SessionScan.Run(Store, new SessionsQuery(user, 100), default),
            "content affinity" => () => AffinityScan.Run(Store, new TopQuery(user with { RequireContent = true }, 50), default),
            "recommendations" => () => UserRecommendationsScan.Run(Store, new TopQuery(user with { RequireRecommendation = true }, 50), default),
            _ => () =>
            {
                GroupScan.Run(Store, new GroupQuery(user, [], [GroupMeasure.UniqueUsers, GroupMeasure.Events, GroupMeasure.PageViews, GroupMeasure.Clicks], Bucket.Day), default);
                SessionBucketsScan.Run(Store, new SessionBucketsQuery(user, Bucket.Day), default);
            }
            ,
        };
    }

    /// <summary>A one-user store as a user grain holds it: sessions with and without ids, content
    /// on half the events and recommendations on a quarter.</summary>
    private static EventStore HeavyUser(int events)
    {
        var random = new Random(1);
        var rows = new List<EventRow>();
        var t = T0;
        for (var i = 0; i < events; i++)
        {
            t += random.Next(10) == 0 ? 3_600_000 : random.Next(1_000, 60_000);
            var type = (i % 5) switch { 0 => "view", 1 => "click", 2 => "like", 3 => "page_view", _ => "share" };
            rows.Add(new EventRow(
                $"ev-{i:D8}", "heavy", i % 3 == 0 ? "" : $"s{t / 3_600_000}", type, t, $"/p{i % 50}", "", "linux", "firefox", "web", "US", "", "", "desktop",
                random.Next(100) / 10.0, i % 2 == 0 ? $"c{random.Next(300)}" : "", i % 4 == 0 ? $"r{random.Next(50)}" : "", 0, "", "", ""));
        }
        var store = new EventStore();
        store.Apply(ShardBatch.Of(rows));
        store.Compact();
        return store;
    }
}

[CollectionDefinition(HeavyUserScanTests.Name, DisableParallelization = true)]
public sealed class AllocationCountsCollection;
