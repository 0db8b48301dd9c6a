namespace UserAnalytics.Grains.Store;

/// <summary>Events stored since the last compaction, in arrival order, with plain int codes.
/// Small by construction: compaction folds it into the sealed block. It starts empty, grows by
/// doubling and gives its arrays back when cleared: every user grain holds a one-user store, and
/// a tail of 1,024 rows made up front cost each of them 106 KB (a silo answering lookups for
/// 10,000 users held 1 GB of empty tails); kept after compaction, the room a heavy user's
/// snapshot had grown to cost as much.</summary>
internal sealed class TailEvents
{
    private const int FirstCapacity = 16;

    public int Count { get; private set; }

    public long[] Timestamps { get; private set; } = [];

    public int[][] Codes { get; } = Enumerable.Range(0, EventColumns.Count).Select(_ => Array.Empty<int>()).ToArray();

    public double[] Durations { get; private set; } = [];

    public double[] Values { get; private set; } = [];

    public EventIdKey[] Ids { get; private set; } = [];

    public int[] Properties { get; private set; } = [];

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

    /// <summary>Empties the tail and gives its memory back. Regrowing costs a few doublings of
    /// arrays that start at 16 rows, against a compaction that rewrites the whole sealed block.</summary>
    public void Clear()
    {
        Count = 0;
        if (Timestamps.Length > 0)
        {
            Resize(0);
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

    private void Grow() => Resize(Math.Max(FirstCapacity, Timestamps.Length * 2));

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
