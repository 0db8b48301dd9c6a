using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// Every session of the sealed block, per user, over all of the user's sealed rows: events, and
/// the first and last row (relative to the user's run). A session starts and ends at the timestamps
/// of those rows, so the table reads them from the block instead of holding them: 12 bytes a
/// session rather than 28 (28 MB less heap at 10M events). A scan whose only condition is a time
/// window takes a session from here whenever the window holds all of its rows, instead of
/// rebuilding it from events; a user with tail rows, or with a session cut by the window, is
/// collected from events as before. Built on the first session query after a compaction (the
/// sealed block it describes is immutable), so ingest does not pay for it.
/// </summary>
internal sealed class SessionTable
{
    private SessionTable(SealedEvents source, int[] userStart, int[] events, int[] firstRow, int[] lastRow)
    {
        Source = source;
        UserStart = userStart;
        Events = events;
        FirstRow = firstRow;
        LastRow = lastRow;
    }

    /// <summary>The sealed block described.</summary>
    public SealedEvents Source { get; }

    /// <summary>First session of each user, plus the end: length = users + 1.</summary>
    public int[] UserStart { get; }

    public int[] Events { get; }

    public int[] FirstRow { get; }

    public int[] LastRow { get; }

    /// <summary>The user's sessions when every one of them lies wholly inside or wholly outside the
    /// rows [<paramref name="start"/>, <paramref name="end"/>) of its run; false when one is cut
    /// by the window (or the user has tail rows, which the table does not describe).</summary>
    public bool TryWhole(UserData user, int start, int end, out int first, out int last)
    {
        first = last = 0;
        if (user.TailRows is not null || user.Index + 1 >= UserStart.Length)
        {
            return false;
        }
        (first, last) = (UserStart[user.Index], UserStart[user.Index + 1]);
        for (var s = first; s < last; s++)
        {
            var inside = FirstRow[s] >= start && LastRow[s] < end;
            var outside = LastRow[s] < start || FirstRow[s] >= end;
            if (!inside && !outside)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when session <paramref name="s"/> of a user accepted by <see cref="TryWhole"/> is inside the window.</summary>
    public bool Inside(int s, int start, int end) => FirstRow[s] >= start && LastRow[s] < end;

    /// <summary>When session <paramref name="s"/> starts, for the user whose run starts at <paramref name="runStart"/>.</summary>
    public long StartMs(int s, int runStart) => Source.Timestamps[runStart + FirstRow[s]];

    /// <summary>When session <paramref name="s"/> ends (its last event), for the user whose run starts at <paramref name="runStart"/>.</summary>
    public long EndMs(int s, int runStart) => Source.Timestamps[runStart + LastRow[s]];

    /// <summary>The table of the store's current sealed block, built now if the block is new.</summary>
    public static SessionTable Of(EventStore store)
    {
        if (store.SessionTable is not { } table || !ReferenceEquals(table.Source, store.Sealed))
        {
            table = Build(store);
            store.SessionTable = table;
        }
        return table;
    }

    /// <summary>Builds the table of the store's current sealed block. Users with tail rows get no
    /// sessions here (<see cref="TryWhole"/> refuses them until the next compaction, which builds
    /// a new sealed block and so a new table).</summary>
    private static SessionTable Build(EventStore store)
    {
        var source = store.Sealed;
        using var collector = new SessionCollector(store);
        var all = CompiledFilter.Compile(EventFilter.All, store);
        var users = store.Users;
        var userStart = new int[users.Count + 1];
        var events = new List<int>();
        var firstRow = new List<int>();
        var lastRow = new List<int>();
        for (var u = 0; u < users.Count; u++)
        {
            userStart[u] = events.Count;
            if (users[u].TailRows is not null)
            {
                continue;
            }
            collector.Collect(users[u], all);
            foreach (var s in collector.Sessions)
            {
                events.Add((int)s.Events);
                firstRow.Add(s.FirstIndex);
                lastRow.Add(s.LastIndex);
            }
        }
        userStart[users.Count] = events.Count;
        return new SessionTable(source, userStart, [.. events], [.. firstRow], [.. lastRow]);
    }
}
