using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Silo.Hosting;

/// <summary>Asks the shard balancer, every <c>Sharding:RebalanceInterval</c> (30 s by default;
/// zero turns it off), to spread the shards over the silos that are up now. Every silo runs this
/// loop; the balancer is one grain, so rounds never overlap.</summary>
internal sealed class ShardBalancing : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeSpan _interval;
    private readonly ILogger<ShardBalancing> _logger;

    public ShardBalancing(IGrainFactory grains, IHostApplicationLifetime lifetime, IConfiguration configuration, ILogger<ShardBalancing> logger)
    {
        _grains = grains;
        _lifetime = lifetime;
        _interval = configuration.GetValue("Sharding:RebalanceInterval", TimeSpan.FromSeconds(30));
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_interval <= TimeSpan.Zero)
        {
            return;
        }
        await HostStarted.WaitAsync(_lifetime, stoppingToken);
        using var timer = new PeriodicTimer(_interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await _grains.GetGrain<IShardBalancerGrain>(0).Rebalance();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                // A round that fails (a silo dying mid-move) is simply tried again at the next tick.
                _logger.LogWarning(ex, "Shard rebalancing failed; retrying in {Interval}", _interval);
            }
        }
    }
}
