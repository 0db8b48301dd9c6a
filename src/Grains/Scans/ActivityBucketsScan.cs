using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>An <see cref="ActivityBucketsQuery"/>: its grouping and its session buckets over the
/// same store, each as its own scan answers it.</summary>
internal static class ActivityBucketsScan
{
    public static ActivityBucketsPartial Run(EventStore store, ActivityBucketsQuery query, CancellationToken cancellationToken) =>
        new(GroupScan.Run(store, query.Events, cancellationToken), SessionBucketsScan.Run(store, query.Sessions, cancellationToken));
}
