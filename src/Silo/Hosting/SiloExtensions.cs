using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Persistence.FileStorage;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Segments;
using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Silo.Hosting;

/// <summary>Configures the Orleans silo of the embedded default: localhost clustering on loopback,
/// the file event log and file grain state under the data directory.</summary>
public static class SiloExtensions
{
    public static WebApplicationBuilder AddUserAnalyticsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var silo = configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        var shards = configuration.GetSection(ShardingOptions.Section).Get<ShardingOptions>() ?? new ShardingOptions();
        var dataDirectory = DataDirectory.Claim(storage.DataDirectory, shards.Shards);
        builder.Services.AddSingleton(dataDirectory);

        builder.WebHost.UseUrls(configuration["Http:Url"] ?? "http://127.0.0.1:7070");
        builder.Services.AddOptions<ShardingOptions>().BindConfiguration(ShardingOptions.Section);
        builder.Services.Configure<FileEventLogOptions>(o => o.Directory = dataDirectory.Logs);
        builder.Services.AddSingleton<IEventLog, FileEventLog>();
        builder.Services.AddOptions<ActivityOptions>().BindConfiguration(ActivityOptions.Section);
        builder.Services.AddOptions<SegmentOptions>().BindConfiguration(SegmentOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
            orleans.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            orleans.AddFileGrainStorage("Default", o => o.RootDirectory = dataDirectory.GrainState);
            // What shards store reaches watching user, content and segment grains on in-memory
            // streams: they are derived data, rebuilt from the shards after a restart.
            orleans.AddMemoryStreams(StreamNames.Provider);
            orleans.AddMemoryGrainStorage("PubSubStore");
            orleans.AddReminders();
            orleans.Services.AddSingleton<IReminderTable, FileReminderTable>();
        });
        return builder;
    }
}
