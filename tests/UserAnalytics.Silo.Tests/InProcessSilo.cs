using Microsoft.AspNetCore.Builder;
using UserAnalytics.Silo.Hosting;

namespace UserAnalytics.Silo.Tests;

/// <summary>The real silo with its co-hosted gateway, started in the test process on free loopback ports.</summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSilo(SiloSettings settings, WebApplication app)
    {
        Settings = settings;
        _app = app;
    }

    public SiloSettings Settings { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessSilo> StartAsync(SiloSettings settings)
    {
        var app = SiloApp.Build([.. settings.Arguments, "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        return new InProcessSilo(settings, app);
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
