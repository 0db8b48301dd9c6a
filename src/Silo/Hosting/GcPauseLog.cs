using System.Diagnostics.Tracing;

namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// Logs every garbage collection that stops the silo's threads for longer than
/// <c>Memory:LogPausesOverMs</c> (default 20 ms), with its generation, kind and reason: a pause
/// stalls every request in flight, so it is the first thing to look for when a latency percentile
/// jumps. Reads the runtime's own GC events in process.
/// </summary>
internal sealed class GcPauseLog : EventListener
{
    // Event ids and payload order of the runtime's GC events (Microsoft-Windows-DotNETRuntime).
    private const int GCStart = 1;
    private const int GCRestartEEEnd = 3;
    private const int GCSuspendEEBegin = 9;
    private const long GCKeyword = 0x1;
    private static readonly string[] Kinds = ["blocking", "background", "foreground (during a background one)"];
    private readonly ILogger<GcPauseLog> _logger;
    private readonly TimeSpan _threshold;
    private readonly bool _ready;
    private EventSource? _runtime;
    private DateTime? _suspended;
    private (uint Generation, uint Kind, uint Reason)? _collection;

    public GcPauseLog(IConfiguration configuration, ILogger<GcPauseLog> logger)
    {
        _logger = logger;
        _threshold = TimeSpan.FromMilliseconds(configuration.GetValue("Memory:LogPausesOverMs", 20.0));
        _ready = true;
        if (_runtime is not null)
        {
            EnableEvents(_runtime, EventLevel.Informational, (EventKeywords)GCKeyword);
        }
    }

    // The base constructor announces the sources that exist already, before this one has run:
    // events are enabled only once the fields they need are set.
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            _runtime = eventSource;
            if (_ready)
            {
                EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)GCKeyword);
            }
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        switch (e.EventId)
        {
            // Events reach a listener in batches, so the pause is measured on their own clock.
            case GCSuspendEEBegin:
                _suspended = e.TimeStamp;
                _collection = null;
                break;
            case GCStart when e.Payload is { Count: >= 4 } p:
                _collection ??= (Convert.ToUInt32(p[1]), Convert.ToUInt32(p[3]), Convert.ToUInt32(p[2]));
                break;
            case GCRestartEEEnd when _suspended is { } suspended:
                var paused = e.TimeStamp - suspended;
                _suspended = null;
                if (paused >= _threshold)
                {
                    var (generation, kind, reason) = _collection ?? (0, 0, 0);
                    _logger.LogWarning(
                        "A garbage collection stopped the silo for {Pause:F1} ms (generation {Generation}, {Kind}, reason {Reason}; heap {Heap:F0} MB)",
                        paused.TotalMilliseconds, generation, kind < Kinds.Length ? Kinds[kind] : kind.ToString(System.Globalization.CultureInfo.InvariantCulture), reason, GC.GetGCMemoryInfo().HeapSizeBytes / 1e6);
                }
                break;
        }
    }
}
