namespace UserAnalytics.Grains.Store;

/// <summary>
/// The session ids of a few rows of one user, for the scans that show rows (timelines). A row with
/// a session_id has it; a session-less row belongs to the derived session that starts at the first
/// session-less row after 30 minutes of silence (<see cref="SessionKeys"/>), found by walking back
/// from the row, and never further back than 30 minutes before the earliest row reached. Assigning
/// every event of the user instead read a heavy user's 60,000 events for a 100-row answer.
/// </summary>
internal sealed class RowSessions
{
    private EventView? _events;
    private string _userId = string.Empty;

    // Session-less rows in [_knownFirst, _knownLast] are known to share the derived session that
    // starts at _knownFirst; answers come out in time order, so most rows are found here.
    private int _knownFirst = -1;
    private int _knownLast = -1;

    /// <summary>Rows looked at while walking back since <see cref="Load"/> (for the tests).</summary>
    public int RowsWalked { get; private set; }

    public void Load(string userId, EventView events)
    {
        (_userId, _events, _knownFirst, _knownLast, RowsWalked) = (userId, events, -1, -1, 0);
    }

    /// <summary>The printable session id of row <paramref name="i"/> of the loaded user.</summary>
    public string Id(int i, StringPool sessions)
    {
        var events = _events!;
        var code = events.Code(EventColumn.Session, i);
        return code != 0 ? sessions[code] : SessionKeys.DerivedId(_userId, events.Timestamps[DerivedStart(i)]);
    }

    private int DerivedStart(int i)
    {
        if (i >= _knownFirst && i <= _knownLast)
        {
            return _knownFirst;
        }
        var events = _events!;
        var timestamps = events.Timestamps;
        var start = i;
        for (var j = i - 1; j >= 0 && timestamps[start] - timestamps[j] <= SessionKeys.GapMs; j--)
        {
            RowsWalked++;
            if (events.Code(EventColumn.Session, j) != 0)
            {
                continue;
            }
            if (j == _knownLast)
            {
                start = _knownFirst;
                break;
            }
            start = j;
        }
        if (start == _knownFirst)
        {
            _knownLast = Math.Max(_knownLast, i);
        }
        else
        {
            (_knownFirst, _knownLast) = (start, i);
        }
        return start;
    }
}
