using System.Diagnostics;
using Microsoft.Extensions.Options;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// Loads every shard as soon as an embedded silo has started, instead of when the first question
/// or batch reaches it: a restarted silo with millions of events otherwise made its first caller
/// wait for the checkpoints and the log (seconds), and the operator had no line saying when the
/// silo was ready. In production mode the shard balancer decides where shards live, and loading
/// them all on whichever silo starts first would only make them move (and replay) again.
/// </summary>
internal sealed class ShardWarmup : BackgroundService
{
    private readonly IGrainFactory _grains;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly int _shards;
    private readonly ILogger<ShardWarmup> _logger;

    public ShardWarmup(IGrainFactory grains, IHostApplicationLifetime lifetime, IOptions<ShardingOptions> sharding, ILogger<ShardWarmup> logger)
    {
        _grains = grains;
        _lifetime = lifetime;
        _shards = sharding.Value.Shards;
        _logger = logger;
    }

    /// <summary>Asks one shard until it answers: a shard with a long log may take longer to load
    /// than a call waits (Orleans' response timeout); its activation goes on, and the next call
    /// waits for it.</summary>
    private async Task<ShardStats> LoadAsync(int shard, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                return await _grains.GetGrain<IEventShardGrain>(shard).GetStats().WaitAsync(stoppingToken);
            }
            catch (TimeoutException) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogInformation("Shard {Shard} is still loading", shard);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await HostStarted.WaitAsync(_lifetime, stoppingToken);
        var timer = Stopwatch.StartNew();
        try
        {
            var stats = await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => LoadAsync(s, stoppingToken)));
            _logger.LogInformation(
                "All {Shards} shards are loaded ({Events} events, {Users} users) in {Elapsed:F1} s",
                _shards, stats.Sum(s => s.Events), stats.Sum(s => s.Users), timer.Elapsed.TotalSeconds);
        }
        catch (Exception ex) when (stoppingToken.IsCancellationRequested)
        {
            _logger.LogDebug(ex, "The silo stopped while its shards were loading");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The shards load on their first call all the same; the warning says why the silo was
            // not ready as early as it could have been (a shard that cannot read its log says so
            // to every caller too).
            _logger.LogWarning(ex, "Loading the shards at start did not finish; each shard loads on its first call instead");
        }
    }
}
