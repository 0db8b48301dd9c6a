using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class LocalShardsTests
{
    [Fact]
    public void AUsersVersionIsKnownOnlyOnceItsShardShowsIt()
    {
        var local = new LocalShards();
        var store = new EventStore();
        store.Add(Event("u", "1", T0));
        var shard = local.Open(3);

        Assert.Null(local.VersionOf(3, "u"));
        shard.Show(store.FindUser("u")!);
        Assert.Equal(1, local.VersionOf(3, "u"));
        Assert.Null(local.VersionOf(4, "u"));
    }

    [Fact]
    public void TheVersionFollowsEveryStoredEvent()
    {
        var local = new LocalShards();
        var store = new EventStore();
        store.Add(Event("u", "1", T0));
        local.Open(0).Show(store.FindUser("u")!);

        store.Add(Event("u", "2", T0 + 1));

        Assert.Equal(2, local.VersionOf(0, "u"));
    }

    [Fact]
    public void AClosedActivationAnswersNothingEvenWhenStillHeld()
    {
        var local = new LocalShards();
        var store = new EventStore();
        store.Add(Event("u", "1", T0));
        var shard = local.Open(0);
        shard.Show(store.FindUser("u")!);

        local.Close(0, shard);

        Assert.Null(local.VersionOf(0, "u"));
        Assert.Null(shard.VersionOf("u"));
    }

    [Fact]
    public void ClosingAnOldActivationLeavesItsSuccessorInPlace()
    {
        var local = new LocalShards();
        var store = new EventStore();
        store.Add(Event("u", "1", T0));
        var old = local.Open(0);
        var next = local.Open(0);
        next.Show(store.FindUser("u")!);

        local.Close(0, old);

        Assert.Equal(1, local.VersionOf(0, "u"));
    }

    [Fact]
    public void AHiddenUserIsAskedOfTheShardAgain()
    {
        var local = new LocalShards();
        var store = new EventStore();
        store.Add(Event("u", "1", T0));
        var shard = local.Open(0);
        shard.Show(store.FindUser("u")!);

        shard.Hide("u");

        Assert.Null(local.VersionOf(0, "u"));
    }
}
