using System.Collections.Immutable;
using System.Diagnostics.Tracing;

namespace UserAnalytics.Silo.Hosting;

/// <summary>
/// The process's one listener to the runtime's GC events, created by the first
/// <see cref="GcPauseLog"/> and kept for the life of the process. A listener per silo was created
/// and disposed with its silo; two silos in one process (the tests host several) stopping at the
/// same moment deadlocked inside the runtime's EventPipe, both disposals waiting on its locks
/// (decision 91).
/// </summary>
internal sealed class GcPauseListener : EventListener
{
    // Event ids and payload order of the runtime's GC events (Microsoft-Windows-DotNETRuntime).
    private const int GCStart = 1;
    private const int GCRestartEEEnd = 3;
    private const int GCSuspendEEBegin = 9;
    private const long GCKeyword = 0x1;
    private static readonly Lock Gate = new();
    private static GcPauseListener? _instance;
    private readonly bool _ready;
    private ImmutableArray<GcPauseLog> _logs = [];
    private EventSource? _runtime;
    private DateTime? _suspended;
    private (uint Generation, uint Kind, uint Reason)? _collection;

    private GcPauseListener()
    {
        _ready = true;
        if (_runtime is not null)
        {
            EnableEvents(_runtime, EventLevel.Informational, (EventKeywords)GCKeyword);
        }
    }

    public static void Subscribe(GcPauseLog log)
    {
        lock (Gate)
        {
            _instance ??= new GcPauseListener();
            _instance._logs = _instance._logs.Add(log);
        }
    }

    public static void Unsubscribe(GcPauseLog log)
    {
        lock (Gate)
        {
            if (_instance is { } listener)
            {
                listener._logs = listener._logs.Remove(log);
            }
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
                _suspended = null;
                var (generation, kind, reason) = _collection ?? (0, 0, 0);
                foreach (var log in _logs)
                {
                    log.OnPause(e.TimeStamp - suspended, generation, kind, reason);
                }
                break;
        }
    }
}
