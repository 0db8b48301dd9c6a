using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Rows;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>Content grains and the personalisation profile, fed by the shards' activity. The calls
/// go through the test cluster's client, as another .NET service's would.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivityGrainTests
{
    private const long Minute = 60_000;
    private readonly ClusterFixture _fixture;

    public ActivityGrainTests(ClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private long Now => _fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task AContentGrainCountsEventsAppendedWithWaitBeforeTheAppendReturns()
    {
        var content = Unique("article");
        var (reader, skimmer) = (Unique("reader"), Unique("skimmer"));
        var at = Now - (30 * Minute);

        await AppendAsync(
            wait: true,
            Event(reader, Unique("e"), at, eventType: "view", contentId: content, duration: 120),
            Event(reader, Unique("e"), at + 1_000, eventType: "like", contentId: content),
            Event(skimmer, Unique("e"), at + 2_000, eventType: "view", contentId: content),
            Event(skimmer, Unique("e"), at + 3_000, eventType: "view", contentId: "other-" + content));

        var summary = await _fixture.Client.GetGrain<IContentGrain>(ContentKeys.Content(content)).GetSummary();
        Assert.Equal([new TypeCount("view", 2), new TypeCount("like", 1)], summary.Totals);
        var hour = at - (at % 3_600_000);
        Assert.Equal([new HourlyCount(hour, "like", 1), new HourlyCount(hour, "view", 2)], summary.Hourly);
        Assert.Equal([reader, skimmer], summary.TopUsers.Select(u => u.UserId));
        // views + 3·likes + duration/60, the spec's affinity formula.
        Assert.Equal(1 + 3 + 2, summary.TopUsers[0].AffinityScore);
    }

    [Fact]
    public async Task TheTopUsersAreTheTenOfHighestAffinityBestFirstTiesByUserId()
    {
        var content = Unique("course");
        var at = Now - (20 * Minute);
        // 14 users over the shards: user i views i % 5 + 1 times, so scores tie in fives.
        var users = Enumerable.Range(0, 14).Select(i => (Id: Unique($"learner{i:D2}"), Views: (i % 5) + 1)).ToArray();
        await AppendAsync(
            wait: true,
            [.. users.SelectMany(u => Enumerable.Range(0, u.Views).Select(v => Event(u.Id, Unique("e"), at + v, eventType: "view", contentId: content)))]);

        var top = (await _fixture.Client.GetGrain<IContentGrain>(ContentKeys.Content(content)).GetSummary()).TopUsers;

        var expected = users.OrderByDescending(u => u.Views).ThenBy(u => u.Id, StringComparer.Ordinal).Take(10).Select(u => (u.Id, (double)u.Views));
        Assert.Equal(expected, top.Select(t => (t.UserId, t.AffinityScore)));
    }

    [Fact]
    public async Task AnActiveContentGrainFollowsLaterEventsThroughTheStream()
    {
        var content = Unique("video");
        var grain = _fixture.Client.GetGrain<IContentGrain>(ContentKeys.Content(content));
        await AppendAsync(wait: false, Event(Unique("u"), Unique("e"), Now - Minute, contentId: content));
        Assert.Equal(1, (await grain.GetSummary()).Totals.Sum(t => t.Events));

        await AppendAsync(wait: false, Event(Unique("u"), Unique("e"), Now, eventType: "share", contentId: content));

        await UntilCountedAsync(grain, 2);
        Assert.Equal([new TypeCount("page_view", 1), new TypeCount("share", 1)], (await grain.GetSummary()).Totals.OrderBy(t => t.EventType, StringComparer.Ordinal));
    }

    [Fact]
    public async Task HoursBeforeTheWeekCountInTheTotalsButNotInTheHourlyCounts()
    {
        const long Day = 24 * 60 * Minute;
        var content = Unique("podcast");
        var grain = _fixture.Client.GetGrain<IContentGrain>(ContentKeys.Content(content));
        var recent = Now - (2 * Minute);
        await AppendAsync(
            wait: true,
            Event(Unique("u"), Unique("e"), Now - (10 * Day), eventType: "view", contentId: content),
            Event(Unique("u"), Unique("e"), recent, eventType: "view", contentId: content));
        Assert.Equal(2, (await grain.GetSummary()).Totals.Sum(t => t.Events));

        // Through the stream, once the grain holds its baseline.
        await AppendAsync(
            wait: false,
            Event(Unique("u"), Unique("e"), Now - (8 * Day), eventType: "click", contentId: content),
            Event(Unique("u"), Unique("e"), recent, eventType: "click", contentId: content));
        await UntilCountedAsync(grain, 4);

        var summary = await grain.GetSummary();
        Assert.Equal([new TypeCount("click", 2), new TypeCount("view", 2)], summary.Totals);
        var hour = recent - (recent % 3_600_000);
        Assert.Equal([new HourlyCount(hour, "click", 1), new HourlyCount(hour, "view", 1)], summary.Hourly);
    }

    [Fact]
    public async Task TheProfileHoldsCustomerSegmentsTopContentLiveSessionAndRecentEvents()
    {
        var user = Unique("person");
        var shard = _fixture.Client.GetGrain<IEventShardGrain>(GrainKeys.ShardOf(user, ClusterFixture.Shards));
        var old = Enumerable.Range(0, 25).Select(i => Event(user, $"old-{i:D2}", Now - (10 * 86_400_000L) + (i * Minute), eventType: "view", contentId: i % 2 == 0 ? "c-even" : "c-odd", sessionId: "yesterday"));
        var live = new[]
        {
            Event(user, "live-1", Now - (5 * Minute), page: "/pricing", sessionId: "now"),
            Event(user, "live-2", Now - Minute, page: "/checkout", sessionId: "now", eventType: "click", contentId: "c-odd"),
        };
        await shard.Append(ShardBatch.Of(
            [.. old, .. live],
            customers: [new CustomerRow(user, "Ada", "ada@example.com", 36, "f", "London", Now - (400 * 86_400_000L), 120.5, Now - 3_600_000)],
            segments:
            [
                new SegmentRow(user, "seg-vip", "VIP", Now - 86_400_000, Now - 86_400_000, true),
                new SegmentRow(user, "seg-gone", "Gone", Now - 86_400_000, Now - 3_600_000, false),
            ]));

        var profile = await _fixture.Client.GetGrain<IUserGrain>(user).GetProfile();

        Assert.Equal("Ada", profile.Customer!.Name);
        Assert.Equal(["seg-vip"], profile.Segments.Select(s => s.SegmentId));
        Assert.Equal(["c-odd", "c-even"], profile.TopContent.Select(c => c.ContentId));
        // c-odd: 12 views and a click (2); c-even: 13 views.
        Assert.Equal(12 + 2, profile.TopContent[0].AffinityScore);
        Assert.Equal(new LiveSessionExpectation("now", Now - (5 * Minute), 2, "/checkout"), LiveSessionExpectation.Of(profile.LiveSession!));
        Assert.Equal(20, profile.RecentEvents.Length);
        Assert.Equal(["live-2", "live-1", "old-24", "old-23"], profile.RecentEvents.Take(4).Select(e => e.EventId));
    }

    [Fact]
    public async Task AProfileHasNoLiveSessionHalfAnHourAfterTheLastEvent()
    {
        var user = Unique("idle");
        await AppendAsync(wait: true, Event(user, "only", Now - (31 * Minute)));

        var profile = await _fixture.Client.GetGrain<IUserGrain>(user).GetProfile();

        Assert.Null(profile.LiveSession);
        Assert.Equal("only", Assert.Single(profile.RecentEvents).EventId);
    }

    [Fact]
    public async Task AProfileAskedAgainShowsNewEventsAndFollowsTheClockAroundItsLiveSession()
    {
        var user = Unique("returning");
        var grain = _fixture.Client.GetGrain<IUserGrain>(user);
        await AppendAsync(wait: true, Event(user, "first", Now - (10 * Minute), sessionId: "s"));
        Assert.Equal(1, (await grain.GetProfile()).LiveSession!.Events);

        await AppendAsync(wait: true, Event(user, "second", Now - Minute, sessionId: "s"));
        var again = await grain.GetProfile();
        Assert.Equal(["second", "first"], again.RecentEvents.Select(e => e.EventId));
        Assert.Equal(2, again.LiveSession!.Events);

        // Exactly half an hour after the last event the session is still live; a millisecond
        // later, with nothing new, it is over.
        _fixture.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(2, (await grain.GetProfile()).LiveSession!.Events);
        _fixture.Clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null((await grain.GetProfile()).LiveSession);

        // An event stamped ahead of the clock makes a session live once the clock reaches it.
        await AppendAsync(wait: true, Event(user, "ahead", Now + (5 * Minute), sessionId: "t"));
        Assert.Null((await grain.GetProfile()).LiveSession);
        _fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal("t", (await grain.GetProfile()).LiveSession!.SessionId);
    }

    [Fact]
    public async Task AnUnknownUserHasAnEmptyProfile()
    {
        var profile = await _fixture.Client.GetGrain<IUserGrain>(Unique("nobody")).GetProfile();

        Assert.Null(profile.Customer);
        Assert.Empty(profile.Segments);
        Assert.Empty(profile.RecentEvents);
        Assert.Null(profile.LiveSession);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Waits (up to 10 s) until the grain's totals count <paramref name="events"/>: events
    /// appended without wait reach an active grain through the stream.</summary>
    private static async Task UntilCountedAsync(IContentGrain grain, long events)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await grain.GetSummary()).Totals.Sum(t => t.Events) < events && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
    }

    private async Task AppendAsync(bool wait, params EventRow[] events)
    {
        foreach (var group in events.GroupBy(e => GrainKeys.ShardOf(e.UserId, ClusterFixture.Shards)))
        {
            await _fixture.Client.GetGrain<IEventShardGrain>(group.Key).Append(ShardBatch.Of([.. group]), wait);
        }
    }

    private sealed record LiveSessionExpectation(string SessionId, long StartMs, long Events, string LastPage)
    {
        public static LiveSessionExpectation Of(GrainInterfaces.Queries.LiveSession s) => new(s.SessionId, s.StartMs, s.Events, s.LastPage);
    }
}
