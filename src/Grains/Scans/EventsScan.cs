using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Answers an <see cref="EventsQuery"/>: the filtered raw events nearest the requested
/// end of time, with session ids resolved.</summary>
internal static class EventsScan
{
    public static RowsPartial<EventRow> Run(EventStore store, EventsQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        var newest = query.NewestFirst;
        var top = new TopThreshold<long>(query.Limit, largestFirst: newest);
        using var view = store.CreateView();
        var candidates = new List<UserData>();
        long read = 0, matching = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            read += end - start;
            // A user's rows are in time order, so they are met best first from one end: once one
            // is not admitted, none after it is. Only the count of matching rows needs the rest,
            // and a window alone gives it without looking.
            if (filter.TimeOnly)
            {
                matching += end - start;
            }
            bool admitted = false, stopped = false;
            for (var k = 0; k < end - start; k++)
            {
                var i = newest ? end - 1 - k : start + k;
                if (!filter.TimeOnly)
                {
                    if (!filter.Matches(events, i))
                    {
                        continue;
                    }
                    matching++;
                }
                if (stopped)
                {
                    continue;
                }
                var ts = events.Timestamps[i];
                if (!top.Admits(ts))
                {
                    if (filter.TimeOnly)
                    {
                        break;
                    }
                    stopped = true;
                    continue;
                }
                top.Add(ts);
                admitted = true;
            }
            if (admitted)
            {
                candidates.Add(user);
            }
        }

        var rows = new List<EventRow>();
        var sessions = new RowSessions();
        foreach (var user in candidates)
        {
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            var assigned = false;
            for (var k = 0; k < end - start; k++)
            {
                var i = newest ? end - 1 - k : start + k;
                if (!top.Admits(events.Timestamps[i]))
                {
                    break;
                }
                if (!filter.Matches(events, i))
                {
                    continue;
                }
                if (!assigned)
                {
                    sessions.Load(user.UserId, events);
                    assigned = true;
                }
                rows.Add(store.ToRow(user, events, i, sessions.Id(i, store.Pool(EventColumn.Session))));
            }
        }
        return new RowsPartial<EventRow>([.. rows], matching, read);
    }
}
