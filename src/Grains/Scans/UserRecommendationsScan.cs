using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Recommendation engagement per (user, recommendation), latest interaction first.</summary>
internal static class UserRecommendationsScan
{
    public static RowsPartial<UserRecommendationRow> Run(EventStore store, TopQuery query, CancellationToken cancellationToken) =>
        PairScan.Run<UserRecommendationRow, long, ByLastInteraction>(
            store,
            query,
            EventColumn.RecommendationId,
            default,
            (user, p, recommendation) => new UserRecommendationRow(user.UserId, recommendation, p.Views, p.Clicks, p.Likes, p.Shares, p.LastMs),
            cancellationToken);

    private readonly struct ByLastInteraction : IPairRank<long>
    {
        public long Rank(in PairAcc pair) => pair.LastMs;

        public bool Below(in PairAcc pair, long worst) => pair.LastMs < worst;

        public bool UserBelow(PairTable table, int user, long worst) => table.LastMs[user] < worst;

        public PairOrder BestFirst(PairTable table) => table.ByLastMs;
    }
}
