using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Grains.Store;

/// <summary>One user's events as columns, kept sorted by (timestamp, event_id) so sessions,
/// funnels and timelines are a single forward pass.</summary>
internal sealed class EventTable
{
    private long[] _timestamps = [];
    private readonly int[][] _codes = new int[EventColumns.Count][];
    private double[] _durations = [];
    private double[] _values = [];
    private string[] _eventIds = [];
    private string[] _properties = [];

    public EventTable()
    {
        for (var c = 0; c < _codes.Length; c++)
        {
            _codes[c] = [];
        }
    }

    public int Count { get; private set; }

    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);

    public ReadOnlySpan<double> Durations => _durations.AsSpan(0, Count);

    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public ReadOnlySpan<string> EventIds => _eventIds.AsSpan(0, Count);

    public ReadOnlySpan<string> Properties => _properties.AsSpan(0, Count);

    public ReadOnlySpan<int> Codes(EventColumn column) => _codes[(int)column].AsSpan(0, Count);

    /// <summary>Inserts a row at its place in (timestamp, event_id) order; events mostly arrive in
    /// time order, so the search starts from the end.</summary>
    public void Insert(long timestamp, string eventId, ReadOnlySpan<int> codes, double duration, double value, string properties)
    {
        EnsureCapacity(Count + 1);
        var at = Count;
        while (at > 0 && Compare(_timestamps[at - 1], _eventIds[at - 1], timestamp, eventId) > 0)
        {
            at--;
        }
        if (at < Count)
        {
            ShiftRight(at);
        }
        _timestamps[at] = timestamp;
        _eventIds[at] = eventId;
        _durations[at] = duration;
        _values[at] = value;
        _properties[at] = properties;
        for (var c = 0; c < _codes.Length; c++)
        {
            _codes[c][at] = codes[c];
        }
        Count++;
    }

    /// <summary>The first row index whose timestamp is at least <paramref name="fromMs"/>.</summary>
    public int LowerBound(long fromMs)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_timestamps[mid] < fromMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The first row index whose timestamp is greater than <paramref name="toMs"/>.</summary>
    public int UpperBound(long toMs)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_timestamps[mid] <= toMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private static int Compare(long ts1, string id1, long ts2, string id2)
    {
        var byTime = ts1.CompareTo(ts2);
        return byTime != 0 ? byTime : StringOrder.Compare(id1, id2);
    }

    private void ShiftRight(int at)
    {
        var n = Count - at;
        Array.Copy(_timestamps, at, _timestamps, at + 1, n);
        Array.Copy(_eventIds, at, _eventIds, at + 1, n);
        Array.Copy(_durations, at, _durations, at + 1, n);
        Array.Copy(_values, at, _values, at + 1, n);
        Array.Copy(_properties, at, _properties, at + 1, n);
        foreach (var column in _codes)
        {
            Array.Copy(column, at, column, at + 1, n);
        }
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _timestamps.Length)
        {
            return;
        }
        var size = Math.Max(4, Math.Max(needed, _timestamps.Length * 2));
        Array.Resize(ref _timestamps, size);
        Array.Resize(ref _eventIds, size);
        Array.Resize(ref _durations, size);
        Array.Resize(ref _values, size);
        Array.Resize(ref _properties, size);
        for (var c = 0; c < _codes.Length; c++)
        {
            Array.Resize(ref _codes[c], size);
        }
    }
}
