using System.Numerics;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Groups one user's filtered events by an item column (content or recommendation id),
/// reusing its buffers from user to user; disposed at the end of a scan, it gives them back to the
/// scans' pool.</summary>
internal sealed class PairCollector : IDisposable
{
    private readonly EventColumn _item;
    private readonly EventStore _store;
    private readonly EventView _view;
    private readonly MeasureTypeCodes _codes;
    private readonly CodeSlots _slots;
    private PairAcc[] _pairs = [];
    private int[] _selected = [];
    private double[] _durations = [];

    public PairCollector(EventStore store, EventColumn item)
    {
        _item = item;
        _store = store;
        _codes = new MeasureTypeCodes(store.Pool(EventColumn.EventType));
        _view = store.CreateView();
        _slots = new CodeSlots(store.Pool(item).Count);
    }

    public int Count { get; private set; }

    public ReadOnlySpan<PairAcc> Pairs => _pairs.AsSpan(0, Count);

    /// <summary>Collects the user's pairs and returns the events scanned.</summary>
    public int Collect(UserData user, CompiledFilter filter)
    {
        _slots.Clear();
        Count = 0;
        if (user.TailRows is null && (filter.TimeOnly || filter.OnlyRequiresNonEmpty == _item))
        {
            return CollectSealed(user, filter);
        }
        var events = _view.Load(user);
        var (start, end) = filter.Range(events);
        var selected = filter.Select(events, start, end, ref _selected);
        var items = events.Codes(_item);
        var types = events.Codes(EventColumn.EventType);
        var durations = events.Durations;
        var timestamps = events.Timestamps;
        foreach (var i in selected)
        {
            var code = items[i];
            if (code == 0)
            {
                continue;
            }
            Accumulate(code, types[i], durations[i], timestamps[i]);
        }
        return end - start;
    }

    /// <summary>The same over the sealed block's arrays, when no condition but the window (and the
    /// item being present) applies: no per-user copies of the columns, no selection pass, and a
    /// loop compiled for the widths the item and type codes are stored in.</summary>
    private int CollectSealed(UserData user, CompiledFilter filter)
    {
        var sealedEvents = _store.Sealed;
        var (start, end) = filter.Range(sealedEvents, user);
        var (b, sh, i) = sealedEvents.Codes[(int)_item].Raw;
        if (b is not null)
        {
            WithTypes(b, sealedEvents, start, end);
        }
        else if (sh is not null)
        {
            WithTypes(sh, sealedEvents, start, end);
        }
        else
        {
            WithTypes(i!, sealedEvents, start, end);
        }
        return end - start;
    }

    private void WithTypes<TItem>(TItem[] items, SealedEvents sealedEvents, int start, int end)
        where TItem : unmanaged, IBinaryInteger<TItem>
    {
        var (b, sh, i) = sealedEvents.Codes[(int)EventColumn.EventType].Raw;
        if (b is not null)
        {
            Accumulate(items, b, sealedEvents, start, end);
        }
        else if (sh is not null)
        {
            Accumulate(items, sh, sealedEvents, start, end);
        }
        else
        {
            Accumulate(items, i!, sealedEvents, start, end);
        }
    }

    private void Accumulate<TItem, TType>(TItem[] items, TType[] types, SealedEvents sealedEvents, int start, int end)
        where TItem : unmanaged, IBinaryInteger<TItem>
        where TType : unmanaged, IBinaryInteger<TType>
    {
        var durations = sealedEvents.Durations.Slice(start, end - start, ref _durations).Span;
        var timestamps = sealedEvents.Timestamps;
        for (var i = start; i < end; i++)
        {
            var code = int.CreateTruncating(items[i]);
            if (code != 0)
            {
                Accumulate(code, int.CreateTruncating(types[i]), durations[i - start], timestamps[i]);
            }
        }
    }

    public void Dispose()
    {
        _view.Dispose();
        ScratchArray.Return(ref _selected);
        ScratchArray.Return(ref _durations);
        ScratchArray.Return(ref _pairs);
        _slots.Dispose();
    }

    private void Accumulate(int code, int type, double duration, long timestampMs)
    {
        if (!_slots.TryGetValue(code, out var slot))
        {
            slot = Count++;
            if (slot == _pairs.Length)
            {
                ScratchArray.Grow(ref _pairs, slot + 1);
            }
            _pairs[slot] = new PairAcc { Item = code };
            _slots.Add(code, slot);
        }
        _pairs[slot].Add(type, duration, timestampMs, _codes);
    }
}
