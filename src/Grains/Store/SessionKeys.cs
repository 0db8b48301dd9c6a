namespace UserAnalytics.Grains.Store;

/// <summary>Assigns every event of a user to its session. An event with a session_id belongs to
/// that session; the others are split by time: more than 30 minutes of silence between two of the
/// user's session-less events starts a new derived session. Derived sessions are a property of all
/// stored events, computed before any filter.</summary>
internal static class SessionKeys
{
    public const long GapMs = 30 * 60 * 1000;

    /// <summary>Fills <paramref name="keys"/>: the session_id code (positive) for events that have
    /// one, and <c>-(n + 1)</c> for the user's n-th derived session. <paramref name="derivedStarts"/>
    /// receives each derived session's first timestamp.</summary>
    public static void Assign(EventView events, Span<int> keys, List<long> derivedStarts)
    {
        derivedStarts.Clear();
        var sessions = events.Codes(EventColumn.Session);
        var timestamps = events.Timestamps;
        var last = long.MinValue;
        for (var i = 0; i < events.Count; i++)
        {
            if (sessions[i] != 0)
            {
                keys[i] = sessions[i];
                continue;
            }
            if (derivedStarts.Count == 0 || timestamps[i] - last > GapMs)
            {
                derivedStarts.Add(timestamps[i]);
            }
            last = timestamps[i];
            keys[i] = -derivedStarts.Count;
        }
    }

    /// <summary>The id of a derived session: <c>user_id#epoch seconds of its first event</c>.</summary>
    public static string DerivedId(string userId, long firstTimestampMs)
    {
        var seconds = firstTimestampMs / 1000;
        if (firstTimestampMs % 1000 < 0)
        {
            seconds--;
        }
        return string.Concat(userId, "#", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The printable id of a session key produced by <see cref="Assign"/>.</summary>
    public static string Id(int key, string userId, StringPool sessions, List<long> derivedStarts) =>
        key > 0 ? sessions[key] : DerivedId(userId, derivedStarts[-key - 1]);
}
