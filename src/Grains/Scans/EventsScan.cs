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
        var top = new TopThreshold<long>(query.Limit, largestFirst: query.NewestFirst);
        var view = store.CreateView();
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            read += end - start;
            for (var i = start; i < end; i++)
            {
                if (filter.Matches(events, i))
                {
                    top.Add(events.Timestamps[i]);
                }
            }
        }

        var rows = new List<EventRow>();
        var sessions = new UserSessions();
        foreach (var user in filter.Users(store))
        {
            var events = view.Load(user);
            var (start, end) = filter.Range(events);
            var assigned = false;
            for (var i = start; i < end; i++)
            {
                if (!top.Admits(events.Timestamps[i]) || !filter.Matches(events, i))
                {
                    continue;
                }
                if (!assigned)
                {
                    sessions.Assign(user.UserId, events);
                    assigned = true;
                }
                rows.Add(store.ToRow(user, events, i, sessions.Id(i, store.Pool(EventColumn.Session))));
            }
        }
        return new RowsPartial<EventRow>([.. rows], top.Seen, read);
    }
}
