namespace UserAnalytics.Grains.Store;

/// <summary>Events stored since the last compaction, in arrival order, with plain int codes.
/// Small by construction: compaction folds it into the sealed block.</summary>
internal sealed class TailEvents
{
    private const int InitialCapacity = 1024;

    public int Count { get; private set; }

    public long[] Timestamps { get; private set; } = new long[InitialCapacity];

    public int[][] Codes { get; } = Enumerable.Range(0, EventColumns.Count).Select(_ => new int[InitialCapacity]).ToArray();

    public double[] Durations { get; private set; } = new double[InitialCapacity];

    public double[] Values { get; private set; } = new double[InitialCapacity];

    public EventIdKey[] Ids { get; private set; } = new EventIdKey[InitialCapacity];

    public int[] Properties { get; private set; } = new int[InitialCapacity];

    public int Add(long timestamp, ReadOnlySpan<int> codes, double duration, double value, EventIdKey id, int properties)
    {
        if (Count == Timestamps.Length)
        {
            Grow();
        }
        var row = Count++;
        Timestamps[row] = timestamp;
        for (var c = 0; c < codes.Length; c++)
        {
            Codes[c][row] = codes[c];
        }
        Durations[row] = duration;
        Values[row] = value;
        Ids[row] = id;
        Properties[row] = properties;
        return row;
    }

    /// <summary>Empties the tail and gives back the memory of a large one (a burst can grow it far
    /// beyond what steady ingest needs).</summary>
    public void Clear()
    {
        Count = 0;
        if (Timestamps.Length > InitialCapacity * 4)
        {
            Timestamps = new long[InitialCapacity];
            for (var c = 0; c < Codes.Length; c++)
            {
                Codes[c] = new int[InitialCapacity];
            }
            Durations = new double[InitialCapacity];
            Values = new double[InitialCapacity];
            Ids = new EventIdKey[InitialCapacity];
            Properties = new int[InitialCapacity];
        }
    }

    public long Bytes => Timestamps.Length * (8L + (Codes.Length * 4L) + 16 + 17 + 4);

    /// <summary>Room for <paramref name="rows"/> rows in all, so that a load of known size fills
    /// arrays sized once instead of doubling them (each doubling copies the rows and touches fresh
    /// pages: a fifth of a whole-log replay's CPU went to the kernel zeroing them).</summary>
    public void Reserve(int rows)
    {
        if (rows > Timestamps.Length)
        {
            Resize(rows);
        }
    }

    private void Grow() => Resize(Timestamps.Length * 2);

    private void Resize(int size)
    {
        Timestamps = Resize(Timestamps, size);
        for (var c = 0; c < Codes.Length; c++)
        {
            Codes[c] = Resize(Codes[c], size);
        }
        Durations = Resize(Durations, size);
        Values = Resize(Values, size);
        Ids = Resize(Ids, size);
        Properties = Resize(Properties, size);
    }

    private static T[] Resize<T>(T[] array, int size)
    {
        Array.Resize(ref array, size);
        return array;
    }
}
