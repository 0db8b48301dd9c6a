using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>Dynamic and snapshot segments over time, and daily rollups. Each test uses its own
/// event type and users, so the shared cluster's other data does not qualify; the clock only
/// moves forward.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SegmentGrainTests
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly ClusterFixture _fixture;

    public SegmentGrainTests(ClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private long Now => _fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();

    [Fact]
    public async Task ADynamicSegmentLosesMembersWhoseEventsAgeOutAndGainsNewQualifiers()
    {
        var type = Unique("trial");
        var (early, late) = (Unique("early"), Unique("late"));
        await AppendAsync(Event(early, Unique("e"), Now - 3_600_000, eventType: type));
        var segment = _fixture.Client.GetGrain<ISegmentGrain>(Unique("seg"));
        var defined = await segment.Define(Rule(segment, type, days: 3, referenceMs: null));
        Assert.Equal(1, defined.UserCount);
        var definedAt = Now;

        _fixture.Clock.Advance(2 * Day);
        await AppendAsync(Event(late, Unique("e"), Now - 3_600_000, eventType: type));
        Assert.Equal(2, (await segment.Evaluate())!.UserCount);
        Assert.True((await MembershipAsync(late, segment))!.Active);
        Assert.Equal(definedAt, (await MembershipAsync(early, segment))!.UpdatedAtMs);

        _fixture.Clock.Advance(2 * Day);
        var evaluation = await segment.Evaluate();

        Assert.Equal(1, evaluation!.UserCount);
        var left = await MembershipAsync(early, segment);
        Assert.False(left!.Active);
        Assert.Equal(Now, left.UpdatedAtMs);
        Assert.Equal(definedAt, left.CreatedAtMs);
        Assert.DoesNotContain((await _fixture.Client.GetGrain<IUserGrain>(early).GetProfile()).Segments, m => m.SegmentId == segment.GetPrimaryKeyString());
        Assert.Contains((await _fixture.Client.GetGrain<IUserGrain>(late).GetProfile()).Segments, m => m.SegmentId == segment.GetPrimaryKeyString());
    }

    [Fact]
    public async Task ASnapshotSegmentNeverChangesByItself()
    {
        var type = Unique("snap");
        var user = Unique("member");
        await AppendAsync(Event(user, Unique("e"), Now - 3_600_000, eventType: type));
        var segment = _fixture.Client.GetGrain<ISegmentGrain>(Unique("seg"));
        await segment.Define(Rule(segment, type, days: 1, referenceMs: Now));

        _fixture.Clock.Advance(5 * Day);

        Assert.Null(await segment.Evaluate());
        Assert.True((await MembershipAsync(user, segment))!.Active);
    }

    [Fact]
    public async Task RollingUpADayAgainWritesTheSameRows()
    {
        var type = Unique("roll");
        var user = Unique("member");
        var day = Rows.T0 - (Rows.T0 % 86_400_000);
        await AppendAsync(
            Event(user, Unique("e"), day + 1_000, eventType: type, sessionId: "s1"),
            Event(user, Unique("e"), day + 61_000, eventType: "purchase", sessionId: "s1"));
        var segment = _fixture.Client.GetGrain<ISegmentGrain>(Unique("seg"));
        await segment.Define(Rule(segment, type, days: 1, referenceMs: day + 86_399_999));

        var written = await segment.RollUp();
        var first = await MetricsAsync(segment, day);
        var again = await segment.RollUp(day);
        var second = await MetricsAsync(segment, day);

        Assert.True(written >= 1, $"{written} days rolled up");
        Assert.True(again >= 1, $"{again} days rolled up again");
        Assert.Equal(5, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(1, first.Single(m => m.MetricName == "active_users").MetricValue);
        Assert.Equal(2, first.Single(m => m.MetricName == "total_events").MetricValue);
        Assert.Equal(1, first.Single(m => m.MetricName == "sessions").MetricValue);
        Assert.Equal(60, first.Single(m => m.MetricName == "avg_session_duration").MetricValue);
        Assert.Equal(100, first.Single(m => m.MetricName == "conversion_rate").MetricValue);
        Assert.Equal(0, await segment.RollUp());
    }

    private static SegmentRule Rule(ISegmentGrain segment, string type, int days, long? referenceMs) =>
        new(segment.GetPrimaryKeyString(), "Segment " + type, type, 1, null, days, referenceMs);

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    private async Task AppendAsync(params EventRow[] events)
    {
        foreach (var group in events.GroupBy(e => GrainKeys.ShardOf(e.UserId, ClusterFixture.Shards)))
        {
            await _fixture.Client.GetGrain<IEventShardGrain>(group.Key).Append(ShardBatch.Of([.. group]));
        }
    }

    /// <summary>The winning <c>user_segments</c> row of a user in a segment, read from the user's shard.</summary>
    private async Task<SegmentRow?> MembershipAsync(string user, ISegmentGrain segment)
    {
        var shard = _fixture.Client.GetGrain<IEventShardGrain>(GrainKeys.ShardOf(user, ClusterFixture.Shards));
        var snapshot = await shard.GetUserSnapshot(user, -1);
        return snapshot?.Segments.Where(s => s.SegmentId == segment.GetPrimaryKeyString()).MaxBy(s => s.UpdatedAtMs);
    }

    private async Task<MetricRow[]> MetricsAsync(ISegmentGrain segment, long day)
    {
        var id = segment.GetPrimaryKeyString();
        var shard = _fixture.Client.GetGrain<IEventShardGrain>(GrainKeys.ShardOf(id, ClusterFixture.Shards));
        var rows = await shard.Metrics(new MetricsQuery(id, null, "daily", day, day + 86_399_999));
        return [.. rows.OrderBy(r => r.MetricName, StringComparer.Ordinal)];
    }
}
