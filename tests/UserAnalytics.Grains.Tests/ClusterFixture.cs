using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Storage;
using UserAnalytics.Reference;

namespace UserAnalytics.Grains.Tests;

/// <summary>One in-process Orleans cluster for the grain tests, logging to a temporary directory.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Shards = 4;
    private readonly TempDirectory _dir = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>Where the silo's file event log lives.</summary>
    public string LogDirectory => _dir.Path;

    /// <summary>The silo's clock; tests that move it use their own grain keys and move it forward only.</summary>
    public ManualClock Clock { get; } = new(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var logDirectory = _dir.Path;
        var clock = Clock;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.Configure<FileEventLogOptions>(o => o.Directory = logDirectory);
            silo.Services.AddSingleton<IEventLog, FileEventLog>();
            silo.Services.AddSingleton<LocalShards>();
            silo.Services.AddSingleton<ReplayGate>();
            silo.Services.Configure<ShardingOptions>(o => o.Shards = Shards);
            silo.Services.Configure<ActivityOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(50));
            silo.Services.AddSingleton<TimeProvider>(clock);
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(StreamNames.Provider);
            silo.UseInMemoryReminderService();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(StreamNames.Provider));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _dir.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
