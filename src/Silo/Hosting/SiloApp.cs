using UserAnalytics.Gateway.Hosting;

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
        var dataDirectory = app.Services.GetRequiredService<DataDirectory>();
        app.Lifetime.ApplicationStopped.Register(dataDirectory.Dispose);
        app.MapUserAnalyticsGateway();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "UserAnalytics is serving on {Url} (data directory {DataDirectory}, {Shards} shards)",
            builder.Configuration["Http:Url"], dataDirectory.Path, builder.Configuration["Sharding:Shards"]));
        return app;
    }
}
