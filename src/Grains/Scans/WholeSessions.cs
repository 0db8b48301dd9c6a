using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>A scan's cursor over the <see cref="SessionTable"/>: for one user at a time, the
/// sessions that the filter's window holds whole, or a refusal when the user has to be collected
/// from events (tail rows, or a session cut by the window).</summary>
internal sealed class WholeSessions
{
    private readonly CompiledFilter _filter;
    private readonly SealedEvents _sealed;
    private int _runStart;
    private int _start;
    private int _end;

    private WholeSessions(SessionTable table, CompiledFilter filter, SealedEvents sealedEvents)
    {
        Table = table;
        _filter = filter;
        _sealed = sealedEvents;
    }

    public SessionTable Table { get; }

    /// <summary>The loaded user's sessions are [First, Last) of the table.</summary>
    public int First { get; private set; }

    public int Last { get; private set; }

    /// <summary>The loaded user's sealed rows inside the window.</summary>
    public int RowsInWindow => _end - _start;

    /// <summary>The loaded user's rows in the window, [start, end) of its run.</summary>
    public (int Start, int End) Window => (_start, _end);

    /// <summary>A cursor when the filter's only condition is a time window (every event of a
    /// whole session counts then); null otherwise.</summary>
    public static WholeSessions? For(EventStore store, CompiledFilter filter) =>
        filter.TimeOnly && !filter.MatchesNothing ? new WholeSessions(SessionTable.Of(store), filter, store.Sealed) : null;

    public bool TryLoad(UserData user)
    {
        var (runStart, _) = _sealed.Range(user.Index);
        var (start, end) = _filter.Range(_sealed, user);
        (_runStart, _start, _end) = (runStart, start - runStart, end - runStart);
        if (!Table.TryWhole(user, _start, _end, out var first, out var last))
        {
            return false;
        }
        (First, Last) = (first, last);
        return true;
    }

    public bool Inside(int session) => Table.Inside(session, _start, _end);

    /// <summary>When a session of the loaded user starts.</summary>
    public long StartMs(int session) => Table.StartMs(session, _runStart);

    /// <summary>How long a session of the loaded user lasts, first event to last.</summary>
    public long DurationMs(int session) => Table.EndMs(session, _runStart) - Table.StartMs(session, _runStart);
}
