namespace UserAnalytics.Grains.Scans;

/// <summary>Additive value rows per key, with the last user that touched each row so that distinct
/// users are counted while users are scanned one after another.</summary>
internal sealed class GroupSlots<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _slots = [];
    private readonly List<double[]> _values = [];
    private readonly List<int> _lastUser = [];
    private readonly int _width;

    public GroupSlots(int width)
    {
        _width = width;
    }

    public IEnumerable<(TKey Key, double[] Values)> Groups => _slots.Select(s => (s.Key, _values[s.Value]));

    /// <summary>The values of <paramref name="key"/>; <paramref name="firstForUser"/> is true when
    /// <paramref name="userIndex"/> touches the group for the first time.</summary>
    public double[] Get(TKey key, int userIndex, out bool firstForUser)
    {
        if (!_slots.TryGetValue(key, out var slot))
        {
            slot = _values.Count;
            _slots.Add(key, slot);
            _values.Add(new double[_width]);
            _lastUser.Add(-1);
        }
        firstForUser = _lastUser[slot] != userIndex;
        _lastUser[slot] = userIndex;
        return _values[slot];
    }
}
