using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Storage;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class EventShardGrainTests
{
    private readonly ClusterFixture _fixture;

    public EventShardGrainTests(ClusterFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task AppendedEventsAreAnsweredByTheShard()
    {
        var (shard, user) = NewUserOnShard();
        await shard.Append(Batch(Event(user, "1", T0), Event(user, "2", T0 + 1000, eventType: "click")));

        var result = await shard.Events(new EventsQuery(new EventFilter(UserId: user), 10, NewestFirst: true));

        Assert.Equal(["2", "1"], result.Rows.OrderByDescending(r => r.TimestampMs).Select(r => r.EventId));
    }

    [Fact]
    public async Task AShardWhoseLogItCannotReadFailsWithAnIoErrorThatSaysWhy()
    {
        // A record with a good checksum in a batch format this version does not know, as an
        // older or newer version might have written it. Shard 77 is outside the fixture's shards.
        var log = new FileEventLog(Options.Create(new FileEventLogOptions { Directory = _fixture.LogDirectory }), NullLogger<FileEventLog>.Instance);
        await using (var stream = await log.OpenAsync("shard-0077", default))
        {
            await stream.ReplayAsync(LogPosition.Start, _ => { }, default);
            await stream.AppendAsync(new byte[] { 0xEE, 1, 2, 3 }, default);
        }

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _fixture.Client.GetGrain<IEventShardGrain>(77).GetStats());

        var io = Assert.IsAssignableFrom<IOException>(error is IOException ? error : error.InnerException);
        Assert.Contains("cannot read its log", io.Message, StringComparison.Ordinal);
        Assert.Contains("Unknown batch format 238", io.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatedEventIdIsStoredOnceAndCountedAsADuplicate()
    {
        var (shard, user) = NewUserOnShard();

        var first = await shard.Append(Batch(Event(user, "dup", T0), Event(user, "dup", T0 + 5)));
        var second = await shard.Append(Batch(Event(user, "dup", T0 + 10)));

        Assert.Equal(new AppendResult(1, 1), first);
        Assert.Equal(new AppendResult(0, 1), second);
        var stored = await shard.Events(new EventsQuery(new EventFilter(UserId: user), 10, true));
        Assert.Equal(T0, Assert.Single(stored.Rows).TimestampMs);
    }

    [Fact]
    public async Task ConcurrentAppendsToOneShardAreAllStored()
    {
        var (shard, user) = NewUserOnShard();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => shard.Append(Batch(Event(user, $"e{i}", T0 + i)))));

        var stored = await shard.Events(new EventsQuery(new EventFilter(UserId: user), 100, true));
        Assert.Equal(50, stored.Rows.Length);
    }

    [Fact]
    public async Task AShardRebuildsItsEventsFromTheLogWhenReactivated()
    {
        var (shard, user) = NewUserOnShard();
        await shard.Append(Batch(Event(user, "kept", T0)));

        await _fixture.Cluster.DeactivateAsync(shard);
        var stored = await shard.Events(new EventsQuery(new EventFilter(UserId: user), 10, true));

        Assert.Equal("kept", Assert.Single(stored.Rows).EventId);
    }

    [Fact]
    public async Task TheUserGrainSeesEventsStoredAfterItWasActivated()
    {
        var (shard, user) = NewUserOnShard();
        var grain = _fixture.Client.GetGrain<IUserGrain>(user);
        await shard.Append(Batch(Event(user, "1", T0)));
        Assert.Single((await grain.Events(new EventsQuery(EventFilter.All, 10, true))).Rows);

        await shard.Append(Batch(Event(user, "2", T0 + 1)));

        Assert.Equal(2, (await grain.Events(new EventsQuery(EventFilter.All, 10, true))).Rows.Length);
    }

    [Fact]
    public async Task TheUserGrainSeesEventsStoredByTheShardsNextActivation()
    {
        var (shard, user) = NewUserOnShard();
        var grain = _fixture.Client.GetGrain<IUserGrain>(user);
        await shard.Append(Batch(Event(user, "1", T0)));
        Assert.Single((await grain.Events(new EventsQuery(EventFilter.All, 10, true))).Rows);

        // The activation that showed the user to its silo's user grains is gone; the one after it
        // stores the next event, and the user grain may not take the old one's word for its version.
        await _fixture.Cluster.DeactivateAsync(shard);
        var local = ((InProcessSiloHandle)_fixture.Cluster.Silos[0]).ServiceProvider.GetRequiredService<LocalShards>();
        Assert.Null(local.VersionOf(GrainKeys.ShardOf(user, ClusterFixture.Shards), user));
        await shard.Append(Batch(Event(user, "2", T0 + 1)));

        Assert.Equal(2, (await grain.Events(new EventsQuery(EventFilter.All, 10, true))).Rows.Length);
    }

    [Fact]
    public async Task UserGrainSessionsMatchTheShardsSessionsForThatUser()
    {
        var (shard, user) = NewUserOnShard();
        await shard.Append(Batch(
            Event(user, "1", T0, page: "/a"),
            Event(user, "2", T0 + 60_000, page: "/b"),
            Event(user, "3", T0 + (90 * 60_000), page: "/a")));
        var query = new SessionsQuery(new EventFilter(UserId: user), 10);

        var fromShard = await shard.Sessions(query);
        var fromUser = await _fixture.Client.GetGrain<IUserGrain>(user).Sessions(query);

        Assert.Equal(2, fromShard.Rows.Length);
        Assert.Equal(fromShard.Rows.OrderBy(s => s.StartMs), fromUser.Rows.OrderBy(s => s.StartMs));
    }

    private (IEventShardGrain Shard, string User) NewUserOnShard()
    {
        var user = "user-" + Guid.NewGuid().ToString("N");
        return (_fixture.Client.GetGrain<IEventShardGrain>(GrainKeys.ShardOf(user, ClusterFixture.Shards)), user);
    }
}
