using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Recommendation engagement per (user, recommendation), latest interaction first.</summary>
internal static class UserRecommendationsScan
{
    public static RowsPartial<UserRecommendationRow> Run(EventStore store, TopQuery query, CancellationToken cancellationToken) =>
        PairScan.Run(
            store,
            query,
            EventColumn.RecommendationId,
            p => p.LastMs,
            (user, p, recommendation) => new UserRecommendationRow(user.UserId, recommendation, p.Views, p.Clicks, p.Likes, p.Shares, p.LastMs),
            cancellationToken);
}
