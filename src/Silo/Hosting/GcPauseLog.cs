namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// Logs every garbage collection that stops the silo's threads for longer than
/// <c>Memory:LogPausesOverMs</c> (default 20 ms), with its generation, kind and reason: a pause
/// stalls every request in flight, so it is the first thing to look for when a latency percentile
/// jumps. The pauses come from the process's one listener to the runtime's GC events
/// (<see cref="GcPauseListener"/>).
/// </summary>
internal sealed class GcPauseLog : IDisposable
{
    private static readonly string[] Kinds = ["blocking", "background", "foreground (during a background one)"];
    private readonly ILogger<GcPauseLog> _logger;
    private readonly TimeSpan _threshold;

    public GcPauseLog(IConfiguration configuration, ILogger<GcPauseLog> logger)
    {
        _logger = logger;
        _threshold = TimeSpan.FromMilliseconds(configuration.GetValue("Memory:LogPausesOverMs", 20.0));
        GcPauseListener.Subscribe(this);
    }

    public void Dispose() => GcPauseListener.Unsubscribe(this);

    internal void OnPause(TimeSpan paused, uint generation, uint kind, uint reason)
    {
        if (paused < _threshold)
        {
            return;
        }
        _logger.LogWarning(
            "A garbage collection stopped the silo for {Pause:F1} ms (generation {Generation}, {Kind}, reason {Reason}; heap {Heap:F0} MB)",
            paused.TotalMilliseconds, generation, kind < Kinds.Length ? Kinds[kind] : kind.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, GC.GetGCMemoryInfo().HeapSizeBytes / 1e6);
    }
}
