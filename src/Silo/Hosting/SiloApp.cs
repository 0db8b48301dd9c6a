using UserAnalytics.Gateway.Hosting;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Silo.Hosting;

/// <summary>Builds the silo process: Orleans plus the co-hosted HTTP gateway. Tests build it the
/// same way, with their own arguments.</summary>
public static class SiloApp
{
    public static WebApplication Build(string[] args)
    {
        // Configuration files ship next to the binary; relative data paths resolve against the
        // directory the silo was started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddUaEnvironment().AddCommandLine(args);
        builder.AddUserAnalyticsSilo();
        builder.AddUserAnalyticsGateway();
        var app = builder.Build();
        var dataDirectory = app.Services.GetService<DataDirectory>();
        if (dataDirectory is not null)
        {
            app.Lifetime.ApplicationStopped.Register(dataDirectory.Dispose);
        }
        app.MapUserAnalyticsGateway();
        var pauses = ActivatorUtilities.CreateInstance<GcPauseLog>(app.Services);
        app.Lifetime.ApplicationStopped.Register(pauses.Dispose);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Logger.LogInformation(
                "UserAnalytics is serving on {Url} ({Storage}, {Shards} shards)",
                builder.Configuration["Http:Url"], dataDirectory is null ? "PostgreSQL storage" : "data directory " + dataDirectory.Path, builder.Configuration["Sharding:Shards"]);
            _ = StartRollupsAsync(app);
        });
        return app;
    }

    /// <summary>Registers the segments' rollup schedule (idempotent: the reminder is durable).</summary>
    private static async Task StartRollupsAsync(WebApplication app)
    {
        try
        {
            await app.Services.GetRequiredService<IGrainFactory>().GetGrain<ISegmentCatalogGrain>(0).Start();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            app.Logger.LogWarning(ex, "The segment rollup schedule could not be registered; it is retried at the next start");
        }
    }
}
