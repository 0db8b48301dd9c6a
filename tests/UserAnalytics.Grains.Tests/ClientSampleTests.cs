using UserAnalytics.ClientSample;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Rows;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>The sample client's calls (samples/UserAnalytics.ClientSample), made through the test
/// cluster's Orleans client exactly as another .NET service makes them against a real cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientSampleTests
{
    private readonly ClusterFixture _fixture;

    public ClientSampleTests(ClusterFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task TheSampleClientDefinesASegmentAndReadsProfilesThroughAnOrleansClient()
    {
        var now = _fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds();
        var user = "sample-" + Guid.NewGuid().ToString("N");
        var type = "subscribe-" + Guid.NewGuid().ToString("N");
        var segment = "seg-sample-" + Guid.NewGuid().ToString("N");
        EventRow[] events = [Event(user, "first", now - 3_600_000, eventType: type), Event(user, "second", now - 1_800_000, eventType: type)];
        await _fixture.Client.GetGrain<IEventShardGrain>(GrainKeys.ShardOf(user, ClusterFixture.Shards)).Append(ShardBatch.Of(events));
        var calls = new PersonalisationCalls(_fixture.Client);

        var defined = await calls.DefineSegmentAsync(segment, "Sample subscribers", type, minEvents: 2, days: 7);
        var profile = await calls.ProfileAsync(user);
        var latest = await calls.LatestEventsAsync(user, 1);
        var evaluated = await calls.EvaluateSegmentAsync(segment);
        var today = await calls.SegmentTodayAsync(segment);
        var printed = new StringWriter();
        await calls.PrintAsync(user, segment, printed);

        Assert.Equal(1, defined.UserCount);
        Assert.Equal([segment], profile.Segments.Select(s => s.SegmentId));
        Assert.Equal("second", Assert.Single(latest).EventId);
        Assert.Equal(1, evaluated!.UserCount);
        Assert.Equal((2, 1), (today.Events, today.ActiveUsers));
        Assert.Contains($"member of {segment} (Sample subscribers)", printed.ToString(), StringComparison.Ordinal);
    }
}
