using Microsoft.Extensions.Options;
using UserAnalytics.Gateway.Hosting;
using UserAnalytics.GrainInterfaces;

// The gateway on its own, as an Orleans client of a running cluster; every silo also co-hosts the
// same endpoints, so a request may go to any of them.
return StartupGuard.Run(() =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddUaEnvironment().AddCommandLine(args);
    // Orleans logs ~400 lines at Information while connecting, and ASP.NET Core and Polly (Orleans'
    // placement retries) a few per request; keep their warnings only. Logging:LogLevel overrides.
    builder.Logging.AddFilter("Orleans", LogLevel.Warning);
    builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
    builder.Logging.AddFilter("Polly", LogLevel.Warning);
    var urls = builder.Configuration["Http:Url"] ?? "http://127.0.0.1:7080";
    PortCheck.EnsureHttpUrlsFree(urls);
    builder.WebHost.UseUrls(urls);
    builder.UseOrleansClient(client => client.UseUserAnalyticsCluster(builder.Configuration));
    builder.AddUserAnalyticsGateway();
    using var app = builder.Build();
    app.MapUserAnalyticsGateway();
    app.Start();
    if (string.Equals(app.Configuration["Storage:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
    {
        try
        {
            ShardLayoutCheck.EnsureMatchesAsync(app.Configuration["Storage:Postgres"]!, app.Services.GetRequiredService<IOptions<ShardingOptions>>().Value.Shards, CancellationToken.None)
                .GetAwaiter().GetResult();
        }
        catch (StartupException)
        {
            app.StopAsync().GetAwaiter().GetResult();
            throw;
        }
    }
    app.WaitForShutdown();
});
