namespace UserAnalytics.Grains.Store;

/// <summary>Searches in a user's time-ordered timestamps.</summary>
internal static class TimeSearch
{
    /// <summary>The first index whose time is ≥ <paramref name="value"/> (the length when none is).</summary>
    /// <remarks>Scans search twice per user, so this is the branch-free form: each step picks the
    /// half with a conditional move instead of a jump the CPU mispredicts half of the time. A run
    /// wholly on one side of the bound (the common case for wide windows) needs no search at all.</remarks>
    public static int FirstAtOrAfter(ReadOnlySpan<long> times, long value)
    {
        if (times.IsEmpty || times[0] >= value)
        {
            return 0;
        }
        if (times[^1] < value)
        {
            return times.Length;
        }
        // Invariant: times[lo] is before the bound and times[lo + n] is not.
        int lo = 0, n = times.Length - 1;
        while (n > 1)
        {
            var half = n >>> 1;
            lo = times[lo + half] < value ? lo + half : lo;
            n -= half;
        }
        return lo + 1;
    }

    /// <summary>The first index whose time is greater than <paramref name="value"/>.</summary>
    public static int FirstAfter(ReadOnlySpan<long> times, long value) =>
        value == long.MaxValue ? times.Length : FirstAtOrAfter(times, value + 1);
}
