using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Groups one user's filtered events by an item column (content or recommendation id),
/// reusing its buffers from user to user.</summary>
internal sealed class PairCollector
{
    private readonly EventColumn _item;
    private readonly EventView _view;
    private readonly MeasureTypeCodes _codes;
    private readonly Dictionary<int, int> _slots = [];
    private PairAcc[] _pairs = new PairAcc[16];

    public PairCollector(EventStore store, EventColumn item)
    {
        _item = item;
        _codes = new MeasureTypeCodes(store.Pool(EventColumn.EventType));
        _view = store.CreateView();
    }

    public int Count { get; private set; }

    public ReadOnlySpan<PairAcc> Pairs => _pairs.AsSpan(0, Count);

    /// <summary>Collects the user's pairs and returns the events scanned.</summary>
    public int Collect(UserData user, CompiledFilter filter)
    {
        Count = 0;
        _slots.Clear();
        var events = _view.Load(user);
        var (start, end) = filter.Range(events);
        var items = events.Codes(_item);
        var types = events.Codes(EventColumn.EventType);
        for (var i = start; i < end; i++)
        {
            if (items[i] == 0 || !filter.Matches(events, i))
            {
                continue;
            }
            if (!_slots.TryGetValue(items[i], out var slot))
            {
                slot = Count++;
                if (slot == _pairs.Length)
                {
                    Array.Resize(ref _pairs, slot * 2);
                }
                _pairs[slot] = new PairAcc { Item = items[i] };
                _slots.Add(items[i], slot);
            }
            ref var p = ref _pairs[slot];
            var type = types[i];
            p.Views += type == _codes.View ? 1 : 0;
            p.Clicks += type == _codes.Click ? 1 : 0;
            p.Likes += type == _codes.Like ? 1 : 0;
            p.Shares += type == _codes.Share ? 1 : 0;
            p.TotalDuration += events.Durations[i];
            p.LastMs = events.Timestamps[i]; // rows are in time order
        }
        return end - start;
    }
}
