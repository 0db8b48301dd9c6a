namespace UserAnalytics.GrainInterfaces;

/// <summary>The one grain (key 0) that keeps shards spread evenly over the active silos: Orleans
/// places a shard once, when it activates, so without it a silo added later would hold none and the
/// survivors of a failure would keep whatever they took over.</summary>
[Alias("ua.IShardBalancerGrain")]
public interface IShardBalancerGrain : IGrainWithIntegerKey
{
    /// <summary>Compares where the shards live with an even spread and moves the excess.</summary>
    /// <returns>How many shards were asked to move.</returns>
    [Alias("Rebalance")]
    Task<int> Rebalance();
}
