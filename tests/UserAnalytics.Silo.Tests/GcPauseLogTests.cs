using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using UserAnalytics.Silo.Hosting;

namespace UserAnalytics.Silo.Tests;

public sealed class GcPauseLogTests
{
    [Fact]
    public async Task EverySubscribedLogHearsOfAPauseAndOneDisposedHearsNoMore()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Memory:LogPausesOverMs"] = "0" }).Build();
        var first = new Capture();
        var second = new Capture();
        var gone = new Capture();
        using var a = new GcPauseLog(settings, first);
        using var b = new GcPauseLog(settings, second);
        new GcPauseLog(settings, gone).Dispose();

        // The runtime hands events to listeners in batches; collect until both have heard of one.
        for (var i = 0; i < 200 && (first.Count == 0 || second.Count == 0); i++)
        {
            GC.Collect();
            await Task.Delay(50);
        }

        Assert.NotEqual(0, first.Count);
        Assert.NotEqual(0, second.Count);
        Assert.Equal(0, gone.Count);
        Assert.Contains("A garbage collection stopped the silo for", first.Last, StringComparison.Ordinal);
    }

    private sealed class Capture : ILogger<GcPauseLog>
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public string Last { get; private set; } = "";

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            Last = formatter(state, exception);
            Interlocked.Increment(ref _count);
        }
    }
}
