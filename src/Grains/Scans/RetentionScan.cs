using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Weekly cohorts: a user's cohort is the Monday of the week of their first event that
/// passes the filter; they are retained in week k when they have such an event in the k-th week
/// after it.</summary>
internal static class RetentionScan
{
    public static GroupPartial Run(EventStore store, RetentionQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        var cohorts = new GroupSlots<long>(query.MaxWeeks + 2);
        var active = new bool[query.MaxWeeks + 1];
        using var view = store.CreateView();
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            read += end - start;
            long cohort = 0;
            var found = false;
            Array.Clear(active);
            // Rows are in time order: the week changes rarely, so its bounds and number stay local.
            long weekStart = long.MaxValue, weekEnd = long.MinValue, k = 0;
            var timestamps = events.Timestamps;
            for (var i = start; i < end; i++)
            {
                if (!filter.Matches(events, i))
                {
                    continue;
                }
                var ts = timestamps[i];
                if (ts < weekStart || ts >= weekEnd)
                {
                    weekStart = TimeBuckets.WeekStart(ts);
                    weekEnd = weekStart + TimeBuckets.WeekMs;
                    if (!found)
                    {
                        cohort = weekStart;
                        found = true;
                    }
                    k = (weekStart - cohort) / TimeBuckets.WeekMs;
                }
                if (k <= query.MaxWeeks)
                {
                    active[k] = true;
                }
            }
            if (!found)
            {
                continue;
            }
            var values = cohorts.Get(cohort, user.Index, out _);
            values[0]++;
            for (var w = 0; w < active.Length; w++)
            {
                values[w + 1] += active[w] ? 1 : 0;
            }
        }
        var partial = new GroupPartialBuilder(0, query.MaxWeeks + 2);
        foreach (var (cohort, values) in cohorts.Groups)
        {
            partial.Add(cohort, [], values);
        }
        return partial.Build(read);
    }
}
