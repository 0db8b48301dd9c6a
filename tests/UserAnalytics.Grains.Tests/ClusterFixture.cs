using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Grains.Tests;

/// <summary>One in-process Orleans cluster for the grain tests, logging to a temporary directory.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int Shards = 4;
    private readonly TempDirectory _dir = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        var logDirectory = _dir.Path;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.Configure<FileEventLogOptions>(o => o.Directory = logDirectory);
            silo.Services.AddSingleton<IEventLog, FileEventLog>();
            silo.Services.Configure<ShardingOptions>(o => o.Shards = Shards);
        });
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
