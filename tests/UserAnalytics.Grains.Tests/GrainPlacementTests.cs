using Orleans.Placement;

namespace UserAnalytics.Grains.Tests;

public sealed class GrainPlacementTests
{
    /// <summary>Orleans 10.4 moves a grain that still has requests queued when its silo stops to
    /// another silo; with none left (the embedded mode always, a cluster's last silo) choosing
    /// one fails and logs an error. Decision 90: none of our grains takes part, so a stop only
    /// reroutes queued requests, and the shard balancer's explicit moves are unaffected.</summary>
    [Fact]
    public void EveryGrainIsImmovableOfEveryKind()
    {
        var grains = typeof(EventShardGrain).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t))
            .ToList();

        Assert.Contains(typeof(EventShardGrain), grains);
        Assert.Contains(typeof(UserGrain), grains);
        Assert.All(grains, grain =>
        {
            var immovable = grain.GetCustomAttributes(typeof(ImmovableAttribute), inherit: false).Cast<ImmovableAttribute>().SingleOrDefault();
            Assert.True(immovable is { Kind: ImmovableKind.Any }, $"{grain.Name} is not [Immovable]");
        });
    }
}
