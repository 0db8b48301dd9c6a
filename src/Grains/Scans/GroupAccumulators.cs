using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The measures of a grouped scan, one growable array per measure, indexed by group. A group is
/// found from its slot (period number and codes combined) through a plain array when the slot
/// space is small, and a dictionary when it is large but sparse (content × event type, say).
/// </summary>
internal sealed class GroupAccumulators
{
    private const int InitialGroups = 64;
    private readonly GroupMeasure[] _measures;
    private readonly int[] _typeCode;
    private readonly int[]? _dense;
    private readonly Dictionary<long, int>? _sparse;
    private readonly List<long> _slots = [];
    private readonly double[][] _values;
    private int[] _lastUser = new int[InitialGroups];

    public GroupAccumulators(long slots, bool dense, GroupMeasure[] measures, MeasureTypeCodes codes)
    {
        _measures = measures;
        _values = [.. measures.Select(_ => new double[InitialGroups])];
        if (dense)
        {
            _dense = new int[slots];
            Array.Fill(_dense, -1);
        }
        else
        {
            _sparse = [];
        }
        _typeCode = [.. measures.Select(m => m is GroupMeasure.Events or GroupMeasure.UniqueUsers or GroupMeasure.SumDuration ? -1 : codes.For(m))];
        NeedsTypes = _typeCode.Any(c => c >= 0);
    }

    /// <summary>True when a measure counts events of certain types.</summary>
    public bool NeedsTypes { get; }

    public int Count => _slots.Count;

    /// <summary>The group of a slot, created on first use.</summary>
    public int GroupOf(long slot)
    {
        if (_dense is not null)
        {
            var group = _dense[slot];
            return group >= 0 ? group : _dense[slot] = NewGroup(slot);
        }
        if (!_sparse!.TryGetValue(slot, out var found))
        {
            found = NewGroup(slot);
            _sparse.Add(slot, found);
        }
        return found;
    }

    /// <summary>Adds row <paramref name="row"/> of user <paramref name="user"/> to a group; a user's
    /// rows come together, so a group last touched by another user gains a distinct user.</summary>
    public void Add(int group, int user, ReadOnlySpan<int> types, ReadOnlySpan<double> durations, int row)
    {
        var firstForUser = _lastUser[group] != user;
        _lastUser[group] = user;
        for (var m = 0; m < _measures.Length; m++)
        {
            _values[m][group] += _measures[m] switch
            {
                GroupMeasure.Events => 1,
                GroupMeasure.UniqueUsers => firstForUser ? 1 : 0,
                GroupMeasure.SumDuration => durations[row],
                _ => types[row] == _typeCode[m] ? 1 : 0,
            };
        }
    }

    public long SlotOf(int group) => _slots[group];

    public void CopyValues(int group, Span<double> values)
    {
        for (var m = 0; m < _values.Length; m++)
        {
            values[m] = _values[m][group];
        }
    }

    private int NewGroup(long slot)
    {
        var group = _slots.Count;
        _slots.Add(slot);
        if (group == _lastUser.Length)
        {
            Array.Resize(ref _lastUser, group * 2);
            for (var m = 0; m < _values.Length; m++)
            {
                Array.Resize(ref _values[m], group * 2);
            }
        }
        _lastUser[group] = -1;
        return group;
    }
}
