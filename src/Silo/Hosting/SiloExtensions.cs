using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Persistence.FileStorage;
using UserAnalytics.Gateway.Hosting;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Segments;
using UserAnalytics.Grains.Storage;
using UserAnalytics.Silo.Postgres;

namespace UserAnalytics.Silo.Hosting;

/// <summary>Configures the Orleans silo: the embedded default (localhost clustering, the file event
/// log, file grain state and reminders under the data directory) or production (PostgreSQL for the
/// event log, clustering, grain state and reminders, so silos can join and leave).</summary>
public static class SiloExtensions
{
    private const string DefaultUrl = "http://127.0.0.1:7070";

    public static WebApplicationBuilder AddUserAnalyticsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var shards = configuration.GetSection(ShardingOptions.Section).Get<ShardingOptions>() ?? new ShardingOptions();
        storage.Validate(configuration["Auth:AdminToken"]);

        builder.WebHost.UseUrls(configuration["Http:Url"] ?? DefaultUrl);
        builder.Services.AddOptions<ShardingOptions>().BindConfiguration(ShardingOptions.Section);
        builder.Services.AddOptions<ActivityOptions>().BindConfiguration(ActivityOptions.Section);
        builder.Services.AddOptions<SegmentOptions>().BindConfiguration(SegmentOptions.Section);
        builder.Services.AddOptions<CheckpointOptions>().BindConfiguration(CheckpointOptions.Section);
        builder.Services.AddOptions<ColdColumnOptions>().BindConfiguration(ColdColumnOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<MemoryReclaim>();
        StoppingStreamLogs.AddTo(builder.Services);
        builder.Services.AddSingleton<LocalShards>();
        builder.Services.AddSingleton<ReplayGate>();

        DataDirectory? dataDirectory = null;
        if (storage.IsPostgres)
        {
            builder.Services.AddPostgresEventLog(storage.Postgres!, shards.Shards);
            // Only a shared log lets a shard move between silos; the embedded mode has one silo.
            builder.Services.AddHostedService<ShardBalancing>();
        }
        else
        {
            dataDirectory = DataDirectory.Claim(storage.DataDirectory, shards.Shards);
            builder.Services.AddSingleton(dataDirectory);
            builder.Services.Configure<FileEventLogOptions>(o => o.Directory = dataDirectory.Logs);
            builder.Services.PostConfigure<CheckpointOptions>(o => o.Directory ??= dataDirectory.Checkpoints);
            builder.Services.PostConfigure<ColdColumnOptions>(o => o.Directory ??= dataDirectory.ColdColumns);
            builder.Services.AddSingleton<IEventLog, FileEventLog>();
            builder.Services.AddHostedService<ShardWarmup>();
        }
        EnsurePortsFree(configuration, silo, storage.IsPostgres);

        builder.UseOrleans(orleans =>
        {
            var advertised = silo.ResolveAdvertisedIP();
            if (storage.IsPostgres)
            {
                orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
                if (silo.Kubernetes)
                {
                    orleans.Configure<EndpointOptions>(o => (o.SiloPort, o.GatewayPort) = (silo.SiloPort, silo.GatewayPort));
                    orleans.UseKubernetesHosting();
                }
                else
                {
                    orleans.ConfigureEndpoints(advertised, silo.SiloPort, silo.GatewayPort, silo.ListenOnAnyInterface);
                }
                orleans.UsePostgres(storage.Postgres!);
            }
            else
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = advertised);
                orleans.AddFileGrainStorage("Default", o => o.RootDirectory = dataDirectory!.GrainState);
                orleans.AddReminders();
                orleans.Services.AddSingleton<IReminderTable, FileReminderTable>();
            }
            // Failure detection and call timeouts, tunable per deployment (Orleans' own option types).
            orleans.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
            orleans.Services.Configure<SiloMessagingOptions>(configuration.GetSection("Orleans:Messaging"));
            // Orleans sizes the directory cache's tables for its capacity up front: 1M entries are
            // 19 MB of empty buckets (2 B per event of a 10M-event silo). A silo
            // caches only the addresses of grains on other silos; 100k covers the shards and the
            // watched grains, and a miss costs one directory call.
            orleans.Services.Configure<GrainDirectoryOptions>(o => o.CacheSize = 100_000);
            orleans.Services.Configure<GrainDirectoryOptions>(configuration.GetSection("Orleans:Directory"));
            // What shards store reaches watching user, content and segment grains on in-memory
            // streams: they are derived data, rebuilt from the shards after a restart.
            orleans.AddMemoryStreams(StreamNames.Provider);
            // Subscriptions are kept in memory in both modes: a lost one costs a refetch from the
            // shard (grains compare versions before answering), while keeping them in PostgreSQL
            // would put a database round trip in every user grain's activation.
            orleans.AddMemoryGrainStorage("PubSubStore");
        });
        return builder;
    }

    /// <summary>The HTTP port and the two Orleans ports, on the addresses the silo will listen on
    /// (checked after the data directory, whose message is the more useful when a second silo is
    /// started with the first one's settings).</summary>
    private static void EnsurePortsFree(IConfiguration configuration, SiloOptions silo, bool production)
    {
        PortCheck.EnsureHttpUrlsFree(configuration["Http:Url"] ?? DefaultUrl);
        var orleansAddress = production && (silo.ListenOnAnyInterface || silo.Kubernetes) ? System.Net.IPAddress.Any : silo.ResolveAdvertisedIP();
        PortCheck.EnsureFree("Orleans:SiloPort (UA_SILO_PORT)", orleansAddress, silo.SiloPort);
        PortCheck.EnsureFree("Orleans:GatewayPort (UA_GATEWAY_PORT)", orleansAddress, silo.GatewayPort);
    }
}
