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
        var view = store.CreateView();
        var window = CompiledFilter.Compile(new EventFilter(from + 1, reference), store);
        var countryCode = rule.Country is null ? -1 : country;
        var current = store.FindSegment(rule.SegmentId)?.Members ?? [];
        var rows = new List<SegmentRow>();
        long members = 0;
        foreach (var user in store.Users)
        {
            var qualifies = type >= 0 && country >= 0 && (user.TailRows is null
                ? Qualifies(store.Sealed, window.Range(store.Sealed, user), type, countryCode, rule.MinEventCount)
                : Count(view.Load(user), type, countryCode, from, reference) >= rule.MinEventCount);
            var wasMember = current.Contains(user.Index);
            members += qualifies ? 1 : 0;
            if (qualifies ? wasMember && changesOnly : !wasMember)
            {
                continue;
            }
            var createdAt = wasMember && user.Memberships!.TryGetValue(rule.SegmentId, out var row) ? row.Row.CreatedAtMs : evaluatedAtMs;
            rows.Add(new SegmentRow(user.UserId, rule.SegmentId, rule.SegmentName, createdAt, evaluatedAtMs, qualifies));
        }
        return ([.. rows], members);
    }

    /// <summary>The same over a user's sealed rows [start, end) of the window, read in place: with
    /// no country, a vectorized count of the type's code; else stopping at the
    /// <paramref name="needed"/>-th matching event.</summary>
    private static bool Qualifies(SealedEvents events, (int Start, int End) rows, int type, int country, int needed)
    {
        var types = events.Codes[(int)EventColumn.EventType];
        var length = rows.End - rows.Start;
        if (country < 0)
        {
            return types.Count(type, rows.Start, length) >= needed;
        }
        var countries = events.Codes[(int)EventColumn.Country];
        var count = 0;
        for (var r = rows.Start; r < rows.End && count < needed; r++)
        {
            count += types[r] == type && countries[r] == country ? 1 : 0;
        }
        return count >= needed;
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
