using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using UserAnalytics.Silo.Hosting;

namespace UserAnalytics.Silo.Tests;

public sealed class StoppingStreamLogsTests
{
    // The category Orleans 10.4 gives its in-memory receiver of the "activity" provider.
    private const string Receiver = "Orleans.Providers.MemoryAdapterReceiver`1[[Orleans.Providers.DefaultMemoryMessageBodySerializer, Orleans.Streaming]].activity.activity-3";
    private const string PullingAgent = "Orleans.Streams.activity";

    [Fact]
    public void StreamReadersKeepTheConfiguredLevelsUntilTheHostStops()
    {
        using var logs = Logging(out _, out var written);

        logs.CreateLogger(Receiver).LogError("read failed");
        logs.CreateLogger(PullingAgent).LogError("retrying");
        logs.CreateLogger(PullingAgent).LogInformation("below the configured level");

        Assert.Equal(["read failed", "retrying"], written);
    }

    [Fact]
    public void OnceTheHostStopsStreamReadersLogCriticalOnlyAndEveryOtherCategoryIsUnchanged()
    {
        using var logs = Logging(out var stopping, out var written);
        // Loggers made before the stop, as Orleans' are: the factory refreshes their filters.
        var receiver = logs.CreateLogger(Receiver);
        var agent = logs.CreateLogger(PullingAgent);
        var runtime = logs.CreateLogger("Orleans.Runtime.Catalog");
        var ours = logs.CreateLogger("UserAnalytics.Grains.EventShardGrain");

        stopping.Stopping();
        receiver.LogError("cancelled read");
        agent.LogError("retrying a cancelled read");
        agent.LogWarning("a warning");
        receiver.LogCritical("critical");
        runtime.LogError("an Orleans error elsewhere");
        ours.LogError("ours");
        ours.LogInformation("our information");

        Assert.Equal(["critical", "an Orleans error elsewhere", "ours", "our information"], written);
    }

    [Fact]
    public async Task AHostThatStopsQuietsTheStreamReadersThroughItsStoppingSignal()
    {
        var capture = new CapturingProvider();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddProvider(capture);
        StoppingStreamLogs.AddTo(builder.Services);
        using var host = builder.Build();
        var receiver = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(Receiver);
        await host.StartAsync();

        receiver.LogError("while running");
        await host.StopAsync();
        receiver.LogError("after the stop began");

        // The host logs its own start and stop too.
        Assert.Contains("while running", capture.Messages);
        Assert.Contains("Application is shutting down...", capture.Messages);
        Assert.DoesNotContain("after the stop began", capture.Messages);
    }

    private static ILoggerFactory Logging(out StoppingStreamLogs stopping, out List<string> written)
    {
        var services = new ServiceCollection();
        var capture = new CapturingProvider();
        services.AddLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddFilter("Orleans", LogLevel.Warning);
            logging.AddProvider(capture);
        });
        StoppingStreamLogs.AddTo(services);
        var provider = services.BuildServiceProvider();
        stopping = provider.GetRequiredService<StoppingStreamLogs>();
        written = capture.Messages;
        return new OwningFactory(provider);
    }

    /// <summary>Disposes the service provider with the factory it handed out.</summary>
    private sealed class OwningFactory(ServiceProvider provider) : ILoggerFactory
    {
        private readonly ILoggerFactory _factory = provider.GetRequiredService<ILoggerFactory>();

        public void AddProvider(ILoggerProvider loggerProvider) => _factory.AddProvider(loggerProvider);

        public ILogger CreateLogger(string categoryName) => _factory.CreateLogger(categoryName);

        public void Dispose() => provider.Dispose();
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public List<string> Messages { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Capturing(Messages);

        public void Dispose()
        {
        }

        private sealed class Capturing(List<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (messages)
                {
                    messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
