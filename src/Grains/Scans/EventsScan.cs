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
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = user.Events;
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
            var events = user.Events;
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
                    sessions.Assign(user);
                    assigned = true;
                }
                rows.Add(store.ToRow(user, i, sessions.Id(i, store.Pool)));
            }
        }
        return new RowsPartial<EventRow>([.. rows], top.Seen, read);
    }
}
