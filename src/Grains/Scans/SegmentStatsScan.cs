using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Per segment: members, and the activity of the members in the filtered events.</summary>
internal static class SegmentStatsScan
{
    public static SegmentStats[] Run(EventStore store, SegmentStatsQuery query, CancellationToken cancellationToken)
    {
        var collector = new SessionCollector(store);
        var purchase = collector.Codes.Purchase;
        var result = new SegmentStats[query.SegmentIds.Length];
        for (var s = 0; s < result.Length; s++)
        {
            var id = query.SegmentIds[s];
            var segment = store.FindSegment(id);
            var filter = CompiledFilter.Compile(query.Filter with { SegmentId = id }, store);
            long active = 0, events = 0, sessions = 0, durationMs = 0, purchasers = 0, read = 0;
            foreach (var user in filter.Users(store))
            {
                cancellationToken.ThrowIfCancellationRequested();
                read += collector.Collect(user, filter, distinct: false);
                if (collector.Count == 0)
                {
                    continue;
                }
                active++;
                var bought = false;
                foreach (var session in collector.Sessions)
                {
                    sessions++;
                    events += session.Events;
                    durationMs += session.DurationMs;
                }
                var view = collector.View;
                var (start, end) = filter.Range(view);
                var types = view.Codes(EventColumn.EventType);
                for (var i = start; i < end && !bought; i++)
                {
                    bought = types[i] == purchase && filter.Matches(view, i);
                }
                purchasers += bought ? 1 : 0;
            }
            result[s] = new SegmentStats(
                id, segment?.Name ?? string.Empty, segment?.NameUpdatedAtMs ?? long.MinValue, segment?.Members.Count ?? 0,
                active, events, sessions, durationMs, purchasers, read);
        }
        return result;
    }
}
