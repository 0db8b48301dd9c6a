namespace UserAnalytics.Grains.Store;

/// <summary>
/// One user's events as columns in (timestamp, event_id) order, the shape every scan reads. Over
/// the sealed block it is a window (narrow codes are widened on first use of a column); when the
/// user also has events in the tail, the two are merged into scratch buffers. Reused from user to
/// user: a scan creates one, loads each user in turn, and disposes of it at the end, which gives
/// its buffers back to the scans' pool (<see cref="ScratchArray"/>).
/// </summary>
internal sealed class EventView : IDisposable
{
    // Ids read at a time for a few rows' event ids (timelines): a heavy user's every id was read
    // for a 100-row answer.
    private const int IdChunk = 128;
    private readonly EventStore _store;
    private readonly int[][] _codeScratch = Enumerable.Range(0, EventColumns.Count).Select(_ => new int[16]).ToArray();
    private readonly bool[] _decoded = new bool[EventColumns.Count];
    private readonly ReadOnlyMemory<int>[] _codes = new ReadOnlyMemory<int>[EventColumns.Count];
    private SealedEvents _sealed = SealedEvents.Empty;
    private int _start;
    private int _user;
    private bool _merged;

    // Merged buffers (used only when the user has tail rows).
    private long[] _mTimestamps = new long[16];
    private double[] _mDurations = new double[16];
    private double[] _mValues = new double[16];
    private EventIdKey[] _mIds = new EventIdKey[16];
    private EventIdKey[] _sealedIds = new EventIdKey[16];
    private int _sealedEnd;
    private bool _sealedIdsRead;
    private bool _idsReady;
    private bool _valuesDecoded;
    private bool _durationsDecoded;
    private ReadOnlyMemory<double> _sealedDurations;
    private int[] _mProperties = new int[16];
    private int[] _order = new int[16];
    private long[] _sortTimes = new long[16];
    private EventIdKey[] _idChunk = [];
    private int _idChunkStart;
    private int _idChunkEnd;

    public EventView(EventStore store)
    {
        _store = store;
    }

    public int Count { get; private set; }

    public ReadOnlySpan<long> Timestamps => _merged ? _mTimestamps.AsSpan(0, Count) : _sealed.Timestamps.AsSpan(_start, Count);

    /// <summary>Durations; over the sealed block they may be scaled units, decoded on first use after <see cref="Load"/>.</summary>
    public ReadOnlySpan<double> Durations
    {
        get
        {
            if (!_merged && !_durationsDecoded)
            {
                _sealedDurations = _sealed.Durations.Slice(_start, Count, ref _mDurations);
                _durationsDecoded = true;
            }
            return _merged ? _mDurations.AsSpan(0, Count) : _sealedDurations.Span;
        }
    }

    /// <summary>Event values; over the sealed block they are coded, and decoded on first use after <see cref="Load"/>.</summary>
    public ReadOnlySpan<double> Values
    {
        get
        {
            if (!_merged && !_valuesDecoded)
            {
                _sealed.Values.CopyTo(_start, Ensure(ref _mValues, Count).AsSpan(0, Count));
                _valuesDecoded = true;
            }
            return _mValues.AsSpan(0, Count);
        }
    }

    public EventView Load(UserData user)
    {
        _sealed = _store.Sealed;
        var (start, end) = _sealed.Range(user.Index);
        _sealedEnd = end;
        _start = start;
        _user = user.Index;
        Array.Clear(_decoded);
        _sealedIdsRead = _idsReady = _valuesDecoded = _durationsDecoded = false;
        _idChunkStart = _idChunkEnd = 0;
        var tail = user.TailRows;
        _merged = tail is { Count: > 0 };
        Count = end - start + (tail?.Count ?? 0);
        if (_merged)
        {
            Merge(start, end, tail!);
        }
        return this;
    }

    public ReadOnlySpan<int> Codes(EventColumn column)
    {
        var c = (int)column;
        if (!_decoded[c])
        {
            _codes[c] = _merged
                ? _codeScratch[c].AsMemory(0, Count)
                : _sealed.Codes[c].Slice(_start, Count, ref _codeScratch[c]);
            _decoded[c] = true;
        }
        return _codes[c].Span;
    }

    /// <summary>One row's code, without widening the user's whole column as <see cref="Codes"/> does
    /// (for reading a few rows of a long run).</summary>
    public int Code(EventColumn column, int i) =>
        _merged || _decoded[(int)column] ? Codes(column)[i] : _sealed.Codes[(int)column].At(_user, _start + i);

    /// <summary>One row's event id: read with its neighbours, not with the user's every id, unless
    /// they are read already.</summary>
    public EventIdKey IdKey(int i)
    {
        if (_merged || _idsReady || _sealedIdsRead)
        {
            return IdKeys[i];
        }
        if (i < _idChunkStart || i >= _idChunkEnd)
        {
            var n = _sealedEnd - _start;
            _idChunkStart = Math.Max(0, Math.Min(i - (IdChunk / 2), n - IdChunk));
            _idChunkEnd = Math.Min(n, _idChunkStart + IdChunk);
            _sealed.Ids.Read(_start + _idChunkStart, Ensure(ref _idChunk, IdChunk).AsSpan(0, _idChunkEnd - _idChunkStart));
        }
        return _idChunk[i - _idChunkStart];
    }

    /// <summary>One row's duration, without decoding the user's whole column as <see cref="Durations"/> does.</summary>
    public double Duration(int i) =>
        _merged ? _mDurations[i] : _durationsDecoded ? _sealedDurations.Span[i] : _sealed.Durations[_start + i];

    /// <summary>One row's event value, without decoding the user's whole column as <see cref="Values"/> does.</summary>
    public double Value(int i) => _merged || _valuesDecoded ? _mValues[i] : _sealed.Values[_start + i];

    /// <summary>The user's event ids; the first use after <see cref="Load"/> reads the user's sealed
    /// ones in one call (they may be in a file, see <see cref="SealedIds"/>).</summary>
    public ReadOnlySpan<EventIdKey> IdKeys
    {
        get
        {
            if (!_idsReady)
            {
                if (!_sealedIdsRead)
                {
                    ReadSealedIds();
                }
                _idsReady = true;
                if (_merged)
                {
                    var tail = _store.Tail;
                    Ensure(ref _mIds, Count);
                    for (var i = 0; i < Count; i++)
                    {
                        var r = _order[i];
                        _mIds[i] = r >= 0 ? _sealedIds[r - _start] : tail.Ids[~r];
                    }
                }
            }
            return _merged ? _mIds.AsSpan(0, Count) : _sealedIds.AsSpan(0, Count);
        }
    }

    /// <summary>Reads the ids of the user's sealed run into <c>_sealedIds</c> (index = row − start).</summary>
    private void ReadSealedIds()
    {
        var n = _sealedEnd - _start;
        _sealed.Ids.Read(_start, Ensure(ref _sealedIds, n).AsSpan(0, n));
        _sealedIdsRead = true;
    }

    public string EventId(int i) => IdKey(i).ToText(_store.LongIds);

    public string Properties(int i) => _store.PropertiesPool[PropertiesCode(i)];

    public int PropertiesCode(int i) => _merged ? _mProperties[i] : _sealed.Properties[_start + i];

    /// <summary>The first row whose timestamp is at least <paramref name="fromMs"/>.</summary>
    public int LowerBound(long fromMs) => TimeSearch.FirstAtOrAfter(Timestamps, fromMs);

    /// <summary>The first row whose timestamp is greater than <paramref name="toMs"/>.</summary>
    public int UpperBound(long toMs) => TimeSearch.FirstAfter(Timestamps, toMs);

    /// <summary>Merges the user's sealed run with its tail rows into (timestamp, event_id) order.</summary>
    private void Merge(int start, int end, List<int> tailRows)
    {
        var tail = _store.Tail;
        var n = Count;
        Ensure(ref _order, n);
        Ensure(ref _sortTimes, n);
        // Refs: sealed row r as r, tail row t as ~t.
        var k = 0;
        for (var r = start; r < end; r++, k++)
        {
            _order[k] = r;
            _sortTimes[k] = _sealed.Timestamps[r];
        }
        foreach (var t in tailRows)
        {
            _order[k] = ~t;
            _sortTimes[k] = tail.Timestamps[t];
            k++;
        }
        var longIds = _store.LongIds;
        // Rows mostly arrive in time order, so a user's tail follows its sealed run and is in order
        // itself (a replay's compaction into an empty block sorted every user's every row).
        if (!InOrder(_sortTimes.AsSpan(0, n)))
        {
            Array.Sort(_sortTimes, _order, 0, n);
        }
        // Equal timestamps are ordered by event id.
        for (var i = 0; i < n;)
        {
            var j = i + 1;
            while (j < n && _sortTimes[j] == _sortTimes[i])
            {
                j++;
            }
            if (j - i > 1)
            {
                // Only ties need ids, so a merge without any reads none.
                if (!_sealedIdsRead)
                {
                    ReadSealedIds();
                }
                var sealedIds = _sealedIds;
                Array.Sort(_order, i, j - i, Comparer<int>.Create((a, b) => EventIdKey.Compare(
                    a >= 0 ? sealedIds[a - start] : tail.Ids[~a], b >= 0 ? sealedIds[b - start] : tail.Ids[~b], longIds)));
            }
            i = j;
        }
        Ensure(ref _mTimestamps, n);
        Ensure(ref _mDurations, n);
        Ensure(ref _mValues, n);
        Ensure(ref _mProperties, n);
        for (var c = 0; c < EventColumns.Count; c++)
        {
            Ensure(ref _codeScratch[c], n);
        }
        for (var i = 0; i < n; i++)
        {
            var r = _order[i];
            if (r >= 0)
            {
                _mTimestamps[i] = _sealed.Timestamps[r];
                _mDurations[i] = _sealed.Durations[r];
                _mValues[i] = _sealed.Values[r];
                _mProperties[i] = _sealed.Properties[r];
                for (var c = 0; c < EventColumns.Count; c++)
                {
                    _codeScratch[c][i] = _sealed.Codes[c].At(_user, r);
                }
            }
            else
            {
                var t = ~r;
                _mTimestamps[i] = tail.Timestamps[t];
                _mDurations[i] = tail.Durations[t];
                _mValues[i] = tail.Values[t];
                _mProperties[i] = tail.Properties[t];
                for (var c = 0; c < EventColumns.Count; c++)
                {
                    _codeScratch[c][i] = tail.Codes[c][t];
                }
            }
        }
    }

    /// <summary>Gives the buffers back; the view may be loaded again (it rents anew).</summary>
    public void Dispose()
    {
        for (var c = 0; c < _codeScratch.Length; c++)
        {
            ScratchArray.Return(ref _codeScratch[c]);
        }
        ScratchArray.Return(ref _mTimestamps);
        ScratchArray.Return(ref _mDurations);
        ScratchArray.Return(ref _mValues);
        ScratchArray.Return(ref _mIds);
        ScratchArray.Return(ref _sealedIds);
        ScratchArray.Return(ref _mProperties);
        ScratchArray.Return(ref _order);
        ScratchArray.Return(ref _sortTimes);
        ScratchArray.Return(ref _idChunk);
        // Nothing handed out before may be read again: the next Load starts afresh.
        Array.Clear(_decoded);
        Array.Clear(_codes);
        _sealedIdsRead = _idsReady = _valuesDecoded = _durationsDecoded = _merged = false;
        _sealedDurations = default;
        _idChunkStart = _idChunkEnd = 0;
        Count = 0;
    }

    private static bool InOrder(ReadOnlySpan<long> times)
    {
        for (var i = 1; i < times.Length; i++)
        {
            if (times[i] < times[i - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static T[] Ensure<T>(ref T[] array, int length) => ScratchArray.Ensure(ref array, length);
}
