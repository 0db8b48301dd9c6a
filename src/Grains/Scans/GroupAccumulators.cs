using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The measures of a grouped scan, one array per kind of measure, indexed by group. When the slot
/// space (period number and codes combined) is small, the slot is the group (direct mode, the fast
/// path the scan writes to inline); when it is large but sparse (content × event type, say), a
/// dictionary numbers the groups as they appear.
/// </summary>
internal sealed class GroupAccumulators
{
    private const int InitialGroups = 64;
    private readonly GroupMeasure[] _measures;
    private readonly int[] _typeCodes;
    private readonly Dictionary<long, int>? _sparse;
    private readonly List<long> _slots = [];
    private readonly bool _wantsDurations;
    private long[] _events;
    private long[] _users;
    private int[] _lastUser;
    private double[] _durations = [];
    private readonly long[][] _typeCounts;
    private readonly int _directSlots;

    public GroupAccumulators(long slots, bool direct, GroupMeasure[] measures, MeasureTypeCodes codes)
    {
        _measures = measures;
        Direct = direct;
        var size = direct ? (int)slots : InitialGroups;
        _directSlots = direct ? size : 0;
        if (!direct)
        {
            _sparse = [];
        }
        _events = new long[size];
        _users = new long[size];
        _lastUser = new int[size];
        Array.Fill(_lastUser, -1);
        _wantsDurations = measures.Contains(GroupMeasure.SumDuration);
        if (_wantsDurations)
        {
            _durations = new double[size];
        }
        var typed = measures.Where(IsTyped).ToArray();
        _typeCodes = [.. typed.Select(codes.For)];
        _typeCounts = [.. typed.Select(_ => new long[size])];
    }

    /// <summary>True when the slot is the group: the scan updates the arrays below directly.</summary>
    public bool Direct { get; }

    public long[] EventCounts => _events;

    public long[] UserCounts => _users;

    public int[] LastUser => _lastUser;

    public double[] DurationSums => _durations;

    public long[][] TypeCounts => _typeCounts;

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
                if (_lastUser[slot] >= 0)
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
        _events[group]++;
        if (_lastUser[group] != user)
        {
            _lastUser[group] = user;
            _users[group]++;
        }
        if (_wantsDurations)
        {
            _durations[group] += duration;
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
        var typed = 0;
        for (var m = 0; m < _measures.Length; m++)
        {
            values[m] = _measures[m] switch
            {
                GroupMeasure.Events => _events[group],
                GroupMeasure.UniqueUsers => _users[group],
                GroupMeasure.SumDuration => _durations[group],
                _ => _typeCounts[typed++][group],
            };
        }
    }

    private static bool IsTyped(GroupMeasure measure) =>
        measure is not (GroupMeasure.Events or GroupMeasure.UniqueUsers or GroupMeasure.SumDuration);

    private int NewGroup(long slot)
    {
        var group = _slots.Count;
        _slots.Add(slot);
        if (group == _events.Length)
        {
            var size = group * 2;
            Array.Resize(ref _events, size);
            Array.Resize(ref _users, size);
            Array.Resize(ref _lastUser, size);
            if (_wantsDurations)
            {
                Array.Resize(ref _durations, size);
            }
            for (var t = 0; t < _typeCounts.Length; t++)
            {
                Array.Resize(ref _typeCounts[t], size);
            }
        }
        _lastUser[group] = -1;
        return group;
    }
}
