using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// Once the host is stopping, Orleans' stream readers log at Critical only (decision 88). A stream
/// queue's pulling agent cancels its own read when the silo stops, and Orleans' in-memory receiver
/// logs that cancellation as an Error with a stack trace (about one stop in a hundred and fifty).
/// The streams carry derived data that shards rebuild, so nothing is lost at that moment; until
/// the stop, the configured levels apply unchanged.
/// </summary>
public sealed class StoppingStreamLogs : IConfigureOptions<LoggerFilterOptions>, IOptionsChangeTokenSource<LoggerFilterOptions>
{
    /// <summary>The in-memory receiver's category and the pulling agents' (prefixes).</summary>
    private static readonly string[] Categories = ["Orleans.Providers.MemoryAdapterReceiver", "Orleans.Streams"];

    private readonly Lock _lock = new();
    private CancellationTokenSource _changed = new();
    private bool _stopping;

    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken()
    {
        lock (_lock)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    public void Configure(LoggerFilterOptions options)
    {
        lock (_lock)
        {
            if (!_stopping)
            {
                return;
            }
        }
        foreach (var category in Categories)
        {
            options.AddFilter(category, LogLevel.Critical);
        }
    }

    /// <summary>Quiets the stream readers from now on: the logger factory reloads its filters when
    /// the change token fires.</summary>
    public void Stopping()
    {
        CancellationTokenSource fired;
        lock (_lock)
        {
            if (_stopping)
            {
                return;
            }
            _stopping = true;
            fired = _changed;
            _changed = new CancellationTokenSource();
        }
        fired.Cancel();
    }

    /// <summary>Registers the filter and ties it to the host's stopping signal.</summary>
    public static void AddTo(IServiceCollection services)
    {
        var logs = new StoppingStreamLogs();
        services.AddSingleton(logs);
        services.AddSingleton<IConfigureOptions<LoggerFilterOptions>>(logs);
        services.AddSingleton<IOptionsChangeTokenSource<LoggerFilterOptions>>(logs);
        services.AddHostedService<StoppingSignal>();
    }

    private sealed class StoppingSignal(IHostApplicationLifetime lifetime, StoppingStreamLogs logs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(logs.Stopping);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
