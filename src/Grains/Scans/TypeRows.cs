using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The rows of one rare event type in a sealed block, ascending, with their times: what a segment
/// rule on that type reads. Finding them means two passes over the whole type column and a cache
/// miss per row for its time; segment rules are re-evaluated on a schedule with the same type, so
/// the rows are kept until the sealed block is replaced (like <see cref="SessionTable"/>). Only a
/// type on at most 1/<see cref="RareShare"/> of the rows is kept (12 bytes per row, so at most
/// 0.4 byte per event); a common type is remembered as such and searched each time.
/// </summary>
internal sealed class TypeRows
{
    public const int RareShare = 32;

    private TypeRows(SealedEvents source, int[]? rows, long[]? times)
    {
        Source = source;
        Rows = rows;
        Times = times;
    }

    public SealedEvents Source { get; }

    /// <summary>The type's rows, or null when the type is too common to keep.</summary>
    public int[]? Rows { get; }

    /// <summary>The time of each of <see cref="Rows"/>.</summary>
    public long[]? Times { get; }

    public static TypeRows Of(EventStore store, int type)
    {
        if (!store.TypeRows.TryGetValue(type, out var kept) || !ReferenceEquals(kept.Source, store.Sealed))
        {
            if (kept is not null)
            {
                // Every entry describes the same block: a new block makes them all stale.
                store.TypeRows.Clear();
            }
            kept = Build(store.Sealed, type);
            store.TypeRows[type] = kept;
        }
        return kept;
    }

    /// <summary>Writes the rows holding <paramref name="type"/>, ascending, into <paramref name="rows"/>
    /// (at least as long as their count) with one vectorized search; returns how many.</summary>
    public static int Collect(CodeVector types, int type, Span<int> rows)
    {
        var n = 0;
        for (var r = types.IndexOf(type, 0); r >= 0; r = types.IndexOf(type, r + 1))
        {
            rows[n++] = r;
        }
        return n;
    }

    private static TypeRows Build(SealedEvents events, int type)
    {
        var types = events.Codes[(int)EventColumn.EventType];
        var count = types.Count(type, 0, events.Count);
        if (count > events.Count / RareShare)
        {
            return new TypeRows(events, null, null);
        }
        var rows = new int[count];
        Collect(types, type, rows);
        // The rows are far apart, so each time read is a cache miss; nothing depends on the one
        // before, so they wait for memory together.
        var times = new long[count];
        var timestamps = events.Timestamps;
        for (var k = 0; k < rows.Length; k++)
        {
            times[k] = timestamps[rows[k]];
        }
        return new TypeRows(events, rows, times);
    }
}
