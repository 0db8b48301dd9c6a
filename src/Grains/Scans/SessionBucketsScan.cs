using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Sessions of the filtered events per bucket of their start: sessions, distinct users,
/// summed duration (ms), bounces and events.</summary>
internal static class SessionBucketsScan
{
    public static GroupPartial Run(EventStore store, SessionBucketsQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter, store);
        var collector = new SessionCollector(store);
        var buckets = new GroupSlots<long>(5);
        long read = 0;
        foreach (var user in filter.Users(store))
        {
            cancellationToken.ThrowIfCancellationRequested();
            read += collector.Collect(user, filter, distinct: false);
            foreach (var session in collector.Sessions)
            {
                var values = buckets.Get(TimeBuckets.Start(session.StartMs, query.Bucket), user.Index, out var firstForUser);
                values[0]++;
                values[1] += firstForUser ? 1 : 0;
                values[2] += session.DurationMs;
                values[3] += session.Events == 1 ? 1 : 0;
                values[4] += session.Events;
            }
        }
        var partial = new GroupPartialBuilder(0, 5);
        foreach (var (bucket, values) in buckets.Groups)
        {
            partial.Add(bucket, [], values);
        }
        return partial.Build(read);
    }
}
