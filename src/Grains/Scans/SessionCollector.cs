using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Builds a user's sessions from the events that pass a filter, reusing its buffers from
/// user to user. Session membership is decided over all stored events first (see
/// <see cref="SessionKeys"/>); the filter only decides which events count. Disposed at the end of
/// a scan, it gives its buffers back to the scans' pool.</summary>
internal sealed class SessionCollector : IDisposable
{
    private readonly CodeSlots _slots;
    private readonly List<long> _distinct = [];
    private int[] _derivedSlots = [];
    private int[] _selected = [];
    private SessionAcc[] _sessions = [];

    public SessionCollector(EventStore store)
    {
        Codes = new MeasureTypeCodes(store.Pool(EventColumn.EventType));
        View = store.CreateView();
        _slots = new CodeSlots(store.Pool(EventColumn.Session).Count);
    }

    /// <summary>The events of the user collected last.</summary>
    public EventView View { get; }

    public UserSessions Keys { get; } = new();

    public MeasureTypeCodes Codes { get; }

    public int Count { get; private set; }

    public ReadOnlySpan<SessionAcc> Sessions => _sessions.AsSpan(0, Count);

    /// <summary>Collects the sessions of <paramref name="user"/>; for the sessions whose start
    /// <paramref name="distinctFor"/> accepts, also counts distinct pages and content (sorting a
    /// heavy user's values is the costly part, so only sessions that will be shown pay for it).
    /// Returns the events scanned.</summary>
    public int Collect(UserData user, CompiledFilter filter, Predicate<long>? distinctFor = null)
    {
        var distinct = distinctFor is not null;
        Count = 0;
        _slots.Clear();
        var events = View.Load(user);
        var (start, end) = filter.Range(events);
        if (start == end)
        {
            return 0;
        }
        Keys.Assign(user.UserId, events);
        var keys = Keys.Keys;
        var timestamps = events.Timestamps;
        var types = events.Codes(EventColumn.EventType);
        var durations = events.Durations;
        var pages = distinct ? events.Codes(EventColumn.Page) : default;
        var contents = distinct ? events.Codes(EventColumn.ContentId) : default;
        if (distinct)
        {
            _distinct.Clear();
        }
        // Derived sessions are numbered densely per user, so an array finds them; client session
        // ids go through a table indexed by their code, after a check of the last session seen (a user's
        // sessions are mostly contiguous in time).
        var derived = Keys.DerivedCount;
        ScratchArray.Ensure(ref _derivedSlots, derived).AsSpan(0, derived).Fill(-1);
        var selected = filter.Select(events, start, end, ref _selected);
        int lastKey = 0, lastSlot = -1;
        foreach (var i in selected)
        {
            int slot;
            var key = keys[i];
            if (key == lastKey && lastSlot >= 0)
            {
                slot = lastSlot;
            }
            else if (key < 0 ? (slot = _derivedSlots[-key - 1]) < 0 : !_slots.TryGetValue(key, out slot))
            {
                slot = Count++;
                if (slot == _sessions.Length)
                {
                    ScratchArray.Grow(ref _sessions, slot + 1);
                }
                _sessions[slot] = new SessionAcc { Key = key, FirstIndex = i, StartMs = timestamps[i], CountsDistinct = distinct && distinctFor!(timestamps[i]) };
                if (key < 0)
                {
                    _derivedSlots[-key - 1] = slot;
                }
                else
                {
                    _slots.Add(key, slot);
                }
            }
            lastKey = keys[i];
            lastSlot = slot;
            ref var s = ref _sessions[slot];
            s.EndMs = timestamps[i];
            s.LastIndex = i;
            s.Events++;
            s.TotalDuration += durations[i];
            if (types[i] == Codes.PageView)
            {
                s.PageViews++;
            }
            if (Codes.IsInteraction(types[i]))
            {
                s.Interactions++;
            }
            if (s.CountsDistinct)
            {
                // (slot, kind, code) packed so one sort groups each session's values together.
                if (pages[i] != 0)
                {
                    _distinct.Add(((long)slot << 33) | (uint)pages[i]);
                }
                if (contents[i] != 0)
                {
                    _distinct.Add(((long)slot << 33) | (1L << 32) | (uint)contents[i]);
                }
            }
        }
        if (distinct)
        {
            CountDistinct();
        }
        return end - start;
    }

    public void Dispose()
    {
        View.Dispose();
        Keys.Dispose();
        ScratchArray.Return(ref _derivedSlots);
        ScratchArray.Return(ref _selected);
        ScratchArray.Return(ref _sessions);
        _slots.Dispose();
    }

    private void CountDistinct()
    {
        _distinct.Sort();
        for (var j = 0; j < _distinct.Count; j++)
        {
            if (j > 0 && _distinct[j] == _distinct[j - 1])
            {
                continue;
            }
            ref var s = ref _sessions[(int)(_distinct[j] >> 33)];
            if ((_distinct[j] & (1L << 32)) == 0)
            {
                s.UniquePages++;
            }
            else
            {
                s.UniqueContent++;
            }
        }
    }
}
