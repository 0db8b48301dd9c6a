using System.Buffers;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Evaluates a segment rule over a store and produces the membership rows that make the
/// stored membership equal the result: an active row for every qualifying user, an inactive row for
/// every current member who no longer qualifies. A re-evaluation may ask for the changes only, so
/// an hourly schedule does not rewrite every unchanged member.</summary>
internal static class SegmentEvaluator
{
    private const long DayMs = 86_400_000;

    public static (SegmentRow[] Rows, long Members) Evaluate(EventStore store, SegmentRule rule, long evaluatedAtMs, bool changesOnly = false)
    {
        var reference = rule.ReferenceMs ?? evaluatedAtMs;
        var from = reference - (rule.TimePeriodDays * DayMs);
        var type = store.Pool(EventColumn.EventType).Find(rule.EventType);
        var country = rule.Country is null ? 0 : store.Pool(EventColumn.Country).Find(rule.Country);
        var qualifying = new bool[store.Users.Count];
        if (type >= 0 && country >= 0)
        {
            var countryCode = rule.Country is null ? -1 : country;
            MarkSealed(store, type, countryCode, from, reference, rule.MinEventCount, qualifying);
            // A user with tail rows is counted again over all of them; the sealed pass saw only part.
            using var view = store.CreateView();
            foreach (var user in store.TailUsers)
            {
                qualifying[user.Index] = Count(view.Load(user), type, countryCode, from, reference) >= rule.MinEventCount;
            }
        }
        var current = store.FindSegment(rule.SegmentId)?.Members ?? [];
        var rows = new List<SegmentRow>();
        long members = 0;
        for (var index = 0; index < qualifying.Length; index++)
        {
            if (qualifying[index])
            {
                members++;
                var wasMember = current.Contains(index);
                if (!(wasMember && changesOnly))
                {
                    rows.Add(Row(store.Users[index], rule, evaluatedAtMs, wasMember, active: true));
                }
            }
        }
        foreach (var index in current)
        {
            if (!qualifying[index])
            {
                rows.Add(Row(store.Users[index], rule, evaluatedAtMs, wasMember: true, active: false));
            }
        }
        return ([.. rows], members);
    }

    private static SegmentRow Row(UserData user, SegmentRule rule, long evaluatedAtMs, bool wasMember, bool active)
    {
        var createdAt = wasMember && user.Memberships!.TryGetValue(rule.SegmentId, out var row) ? row.CreatedAtMs : evaluatedAtMs;
        return new SegmentRow(user.UserId, rule.SegmentId, rule.SegmentName, createdAt, evaluatedAtMs, active);
    }

    /// <summary>Marks the users with at least <paramref name="needed"/> sealed events of the type
    /// (in the country unless -1) with <paramref name="fromMs"/> &lt; timestamp ≤
    /// <paramref name="toMs"/>. It visits only the type's rows (kept for a rare type, see
    /// <see cref="TypeRows"/>, else found by a vectorized search of the whole column) instead of
    /// searching every user's run for the window: a rule's type is usually a small share of the
    /// events, and most users have none of it in the window.</summary>
    private static void MarkSealed(EventStore store, int type, int country, long fromMs, long toMs, int needed, bool[] qualifying)
    {
        if (needed <= 0)
        {
            Array.Fill(qualifying, true);
            return;
        }
        var events = store.Sealed;
        var kept = TypeRows.Of(store, type);
        var types = events.Codes[(int)EventColumn.EventType];
        var rows = ArrayPool<int>.Shared.Rent(Math.Max(16, kept.Rows?.Length ?? types.Count(type, 0, events.Count)));
        try
        {
            var n = 0;
            if (kept.Rows is { } typeRows)
            {
                var times = kept.Times!;
                for (var k = 0; k < typeRows.Length; k++)
                {
                    var t = times[k];
                    rows[n] = typeRows[k];
                    n += t > fromMs && t <= toMs ? 1 : 0;
                }
            }
            else
            {
                n = TypeRows.Collect(types, type, rows);
                // The type's rows are far apart, so each time read is a cache miss. Read in a loop
                // of their own, with nothing depending on one another, they wait for memory
                // together rather than one after the other.
                var timestamps = events.Timestamps;
                var inWindow = 0;
                for (var k = 0; k < n; k++)
                {
                    var r = rows[k];
                    var t = timestamps[r];
                    rows[inWindow] = r;
                    inWindow += t > fromMs && t <= toMs ? 1 : 0;
                }
                n = inWindow;
            }
            MarkUsers(events.UserStart, rows.AsSpan(0, n), country < 0 ? null : events.Codes[(int)EventColumn.Country], country, needed, qualifying);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rows);
        }
    }

    /// <summary>Marks the users holding at least <paramref name="needed"/> of the ascending
    /// <paramref name="rows"/> (only those in <paramref name="country"/>, when
    /// <paramref name="countries"/> is given). The row's user is known here, which reading a
    /// country stored per user run needs.</summary>
    private static void MarkUsers(int[] userStart, ReadOnlySpan<int> rows, CodeVector? countries, int country, int needed, bool[] qualifying)
    {
        int user = -1, userEnd = 0, count = 0;
        foreach (var r in rows)
        {
            if (r >= userEnd)
            {
                // Rows ascend, so the user holding this one is found by walking on from the last.
                do
                {
                    user++;
                }
                while (userStart[user + 1] <= r);
                userEnd = userStart[user + 1];
                count = 0;
            }
            if (countries is not null && countries.At(user, r) != country)
            {
                continue;
            }
            if (++count == needed)
            {
                qualifying[user] = true;
            }
        }
    }

    /// <summary>Events of <paramref name="type"/> (and <paramref name="country"/> unless -1) with
    /// <paramref name="fromMs"/> &lt; timestamp ≤ <paramref name="toMs"/>.</summary>
    private static long Count(EventView events, int type, int country, long fromMs, long toMs)
    {
        var types = events.Codes(EventColumn.EventType);
        var countries = events.Codes(EventColumn.Country);
        long count = 0;
        for (int i = events.LowerBound(fromMs + 1), end = events.UpperBound(toMs); i < end; i++)
        {
            count += types[i] == type && (country < 0 || countries[i] == country) ? 1 : 0;
        }
        return count;
    }
}
