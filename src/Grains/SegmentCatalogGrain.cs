using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.Grains.Segments;

namespace UserAnalytics.Grains;

/// <summary>Keeps every segment's daily rollups going: on its reminder, it asks the shards which
/// segments exist and has each segment grain roll up its completed days.</summary>
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class SegmentCatalogGrain : Grain, ISegmentCatalogGrain, IRemindable
{
    private const string RollupReminder = "rollups";
    private readonly SegmentOptions _options;
    private readonly int _shards;
    private readonly ILogger<SegmentCatalogGrain> _logger;

    public SegmentCatalogGrain(IOptions<SegmentOptions> options, IOptions<GrainInterfaces.ShardingOptions> sharding, ILogger<SegmentCatalogGrain> logger)
    {
        _options = options.Value;
        _shards = sharding.Value.Shards;
        _logger = logger;
    }

    public async Task Start() => await this.RegisterOrUpdateReminder(RollupReminder, _options.RollupInterval, _options.RollupInterval);

    public async Task ReceiveReminder(string reminderName, Orleans.Runtime.TickStatus status)
    {
        if (reminderName == RollupReminder)
        {
            var written = await RollUpAll();
            _logger.LogInformation("Rollups: {Rollups} segment days written", written);
        }
    }

    public async Task<int> RollUpAll()
    {
        var ids = (await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => GrainFactory.GetGrain<IEventShardGrain>(s).SegmentIds())))
            .SelectMany(s => s).Distinct(StringComparer.Ordinal)
            // An id no grain can have (blank, or with a NUL that PostgreSQL cannot store); only logs
            // written before such ids were quarantined can hold one.
            .Where(GrainKeys.IsUsableKey).ToArray();
        var days = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<ISegmentGrain>(id).RollUp()));
        return days.Sum();
    }
}
