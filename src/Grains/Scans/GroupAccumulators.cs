using System.Buffers;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The measures of a grouped scan, indexed by group: one <see cref="GroupCell"/> per group and one
/// array per per-type count. When the slot space (period number and codes combined) is small
/// enough, the slot is the group (direct mode, the fast path the scan writes to inline); when it
/// is large but sparse, a dictionary numbers the groups as they appear. The arrays are rented from
/// the shared pool and cleared, not allocated: a content_engagement over 16 shards would otherwise
/// allocate (and page in) ≈ 100 MB a query. Dispose returns them.
/// </summary>
internal sealed class GroupAccumulators : IDisposable
{
    private const int InitialGroups = 64;
    private readonly GroupMeasure[] _measures;
    private readonly int[] _typeCodes;
    private readonly Dictionary<long, int>? _sparse;
    private readonly List<long> _slots = [];
    private readonly bool _wantsDurations;
    private GroupCell[] _cells;
    private readonly long[][] _typeCounts;
    private readonly int[] _typedIndex;
    private readonly int _directSlots;
    private int _capacity;

    public GroupAccumulators(long slots, bool direct, GroupMeasure[] measures, MeasureTypeCodes codes)
    {
        _measures = measures;
        Direct = direct;
        _capacity = direct ? (int)slots : InitialGroups;
        _directSlots = direct ? _capacity : 0;
        if (!direct)
        {
            _sparse = [];
        }
        _cells = Rent<GroupCell>(_capacity);
        _wantsDurations = measures.Contains(GroupMeasure.SumDuration);
        var typed = measures.Where(IsTyped).ToArray();
        _typeCodes = [.. typed.Select(codes.For)];
        _typeCounts = [.. typed.Select(_ => Rent<long>(_capacity))];
        _typedIndex = new int[measures.Length];
        for (int m = 0, t = 0; m < measures.Length; m++)
        {
            _typedIndex[m] = IsTyped(measures[m]) ? t++ : -1;
        }
    }

    /// <summary>True when the slot is the group: the scan updates the arrays below directly.</summary>
    public bool Direct { get; }

    public GroupCell[] Cells => _cells;

    public long[][] TypeCounts => _typeCounts;

    /// <summary>In direct mode, the number of slots (groups); 0 otherwise.</summary>
    public int DirectSlots => _directSlots;

    public int[] TypeCodes => _typeCodes;

    /// <summary>True when a measure counts events of certain types.</summary>
    public bool NeedsTypes => _typeCodes.Length > 0;

    public bool NeedsDurations => _wantsDurations;

    /// <summary>The groups that hold rows: in direct mode the touched slots, else all numbered ones.</summary>
    public IEnumerable<(int Group, long Slot)> Groups()
    {
        if (Direct)
        {
            for (var slot = 0; slot < _directSlots; slot++)
            {
                if (_cells[slot].Mark != 0)
                {
                    yield return (slot, slot);
                }
            }
            yield break;
        }
        for (var group = 0; group < _slots.Count; group++)
        {
            yield return (group, _slots[group]);
        }
    }

    /// <summary>The group of a slot in mapped mode, created on first use.</summary>
    public int GroupOf(long slot)
    {
        if (!_sparse!.TryGetValue(slot, out var found))
        {
            found = NewGroup(slot);
            _sparse.Add(slot, found);
        }
        return found;
    }

    /// <summary>Adds one row to a group; a user's rows come together, so a group last touched by
    /// another user gains a distinct user.</summary>
    public void Add(int group, int user, int type, double duration)
    {
        ref var cell = ref _cells[group];
        cell.Add(user + 1);
        if (_wantsDurations)
        {
            cell.Duration += duration;
        }
        for (var t = 0; t < _typeCodes.Length; t++)
        {
            if (type == _typeCodes[t])
            {
                _typeCounts[t][group]++;
            }
        }
    }

    /// <summary>The group's values in the order of the query's measures.</summary>
    public void CopyValues(int group, Span<double> values)
    {
        for (var m = 0; m < _measures.Length; m++)
        {
            values[m] = ValueOf(group, m);
        }
    }

    /// <summary>One of the group's values: measure <paramref name="measure"/> of the query's.</summary>
    public double ValueOf(int group, int measure) => _measures[measure] switch
    {
        GroupMeasure.Events => _cells[group].Events,
        GroupMeasure.UniqueUsers => _cells[group].Users,
        GroupMeasure.SumDuration => _cells[group].Duration,
        _ => _typeCounts[_typedIndex[measure]][group],
    };

    public void Dispose()
    {
        ArrayPool<GroupCell>.Shared.Return(_cells);
        foreach (var counts in _typeCounts)
        {
            ArrayPool<long>.Shared.Return(counts);
        }
        _cells = [];
    }

    private static T[] Rent<T>(int length)
    {
        var array = ArrayPool<T>.Shared.Rent(length);
        Array.Clear(array, 0, length);
        return array;
    }

    private static T[] Grow<T>(T[] array, int used, int length)
    {
        var grown = Rent<T>(length);
        Array.Copy(array, grown, used);
        ArrayPool<T>.Shared.Return(array);
        return grown;
    }

    private static bool IsTyped(GroupMeasure measure) =>
        measure is not (GroupMeasure.Events or GroupMeasure.UniqueUsers or GroupMeasure.SumDuration);

    private int NewGroup(long slot)
    {
        var group = _slots.Count;
        _slots.Add(slot);
        if (group == _capacity)
        {
            _capacity = group * 2;
            _cells = Grow(_cells, group, _capacity);
            for (var t = 0; t < _typeCounts.Length; t++)
            {
                _typeCounts[t] = Grow(_typeCounts[t], group, _capacity);
            }
        }
        return group;
    }
}
