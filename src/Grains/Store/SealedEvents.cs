namespace UserAnalytics.Grains.Store;

/// <summary>
/// The compacted events of a store: one run per user (in user index order), each sorted by
/// (timestamp, event_id), stored as columns. String columns hold dictionary codes in the narrowest
/// width; a user's run is <see cref="Range"/>. Immutable once built.
/// </summary>
internal sealed class SealedEvents
{
    public static SealedEvents Empty { get; } = new(
        0, [0], [], [.. Enumerable.Range(0, EventColumns.Count).Select(_ => CodeVector.Empty)], DurationColumn.Empty, NumberColumn.Empty, SealedIds.Empty, CodeVector.Empty);

    public SealedEvents(
        int count,
        int[] userStart,
        long[] timestamps,
        CodeVector[] codes,
        DurationColumn durations,
        NumberColumn values,
        SealedIds ids,
        CodeVector properties)
    {
        Count = count;
        UserStart = userStart;
        Timestamps = timestamps;
        Codes = codes;
        Durations = durations;
        Values = values;
        Ids = ids;
        Properties = properties;
    }

    public int Count { get; }

    /// <summary>Start row of each user's run, plus the end: length = users + 1.</summary>
    public int[] UserStart { get; }

    public long[] Timestamps { get; }

    public CodeVector[] Codes { get; }

    /// <summary>Scaled units or plain doubles, not codes as <see cref="Values"/>: the aggregates sum
    /// them in their hottest loops, where a code lookup cost event_metrics and content_engagement 40–80 %.</summary>
    public DurationColumn Durations { get; }

    public NumberColumn Values { get; }

    /// <summary>Read through a view (<see cref="EventView.IdKey"/>) or a <see cref="SealedIdsCursor"/>: they may be in a file.</summary>
    public SealedIds Ids { get; }

    public CodeVector Properties { get; }

    public (int Start, int End) Range(int userIndex) =>
        userIndex + 1 < UserStart.Length ? (UserStart[userIndex], UserStart[userIndex + 1]) : (0, 0);

    /// <summary>Approximate bytes held, for the memory figures of the benchmark.</summary>
    public long Bytes =>
        (UserStart.Length * 4L) + (Timestamps.Length * 8L) + Codes.Sum(c => c.Bytes) + Durations.Bytes + Values.Bytes + Ids.MemoryBytes + Properties.Bytes;
}
