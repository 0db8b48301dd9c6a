using UserAnalytics.Gateway.Hosting;

namespace UserAnalytics.Silo.Hosting;

/// <summary>Builds the silo process: Orleans plus the co-hosted HTTP gateway. Tests build it the
/// same way, with their own arguments.</summary>
public static class SiloApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddUaEnvironment().AddCommandLine(args);
        builder.AddUserAnalyticsSilo();
        builder.AddUserAnalyticsGateway();
        var app = builder.Build();
        var dataDirectory = app.Services.GetRequiredService<DataDirectory>();
        app.Lifetime.ApplicationStopped.Register(dataDirectory.Dispose);
        app.MapUserAnalyticsGateway();
        return app;
    }
}
