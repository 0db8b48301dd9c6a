using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Core.Internal;
using Orleans.Runtime.Placement;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.Grains.Placement;

namespace UserAnalytics.Grains;

/// <summary>Spreads the shard grains evenly over the active silos. A moved shard deactivates where
/// it was and replays its log on the target silo (the production log is shared), so a move costs a
/// replay of that shard, and requests queue for it meanwhile.</summary>
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class ShardBalancerGrain : Grain, IShardBalancerGrain
{
    private readonly int _shards;
    private readonly ILogger<ShardBalancerGrain> _logger;

    public ShardBalancerGrain(IOptions<ShardingOptions> sharding, ILogger<ShardBalancerGrain> logger)
    {
        _shards = sharding.Value.Shards;
        _logger = logger;
    }

    public async Task<int> Rebalance()
    {
        var hosts = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys
            .ToDictionary(h => h.ToString(), StringComparer.Ordinal);
        if (hosts.Count < 2)
        {
            return 0;
        }
        var stats = await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => GrainFactory.GetGrain<IEventShardGrain>(s).GetStats()));
        var moves = ShardBalancePlan.Compute(stats.Select(s => (s.Shard, s.Silo)).ToList(), hosts.Keys.ToList());
        foreach (var (shard, from, to) in moves)
        {
            _logger.LogInformation("Moving shard {Shard} from {From} to {To} to spread {Shards} shards over {Silos} silos", shard, from, to, _shards, hosts.Count);
            RequestContext.Set(IPlacementDirector.PlacementHintKey, hosts[to]);
            try
            {
                await GrainFactory.GetGrain<IEventShardGrain>(shard).Cast<IGrainManagementExtension>().MigrateOnIdle();
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
        // Waits until each moved shard answers from its new place, so the next round (this grain
        // takes one call at a time) plans from where the shards are, not from where they were.
        await Task.WhenAll(moves.Select(m => GrainFactory.GetGrain<IEventShardGrain>(m.Shard).GetStats()));
        return moves.Count;
    }
}
