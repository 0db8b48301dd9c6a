using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Content affinity per (user, content): views + 2·clicks + 3·likes + 4·shares +
/// total_duration/60, rounded to two decimals (rows rank by the rounded score, as they are shown).</summary>
internal static class AffinityScan
{
    public static RowsPartial<AffinityRow> Run(EventStore store, TopQuery query, CancellationToken cancellationToken) =>
        PairScan.Run<AffinityRow, double, ByScore>(
            store,
            query,
            EventColumn.ContentId,
            default,
            (user, p, content) => new AffinityRow(user.UserId, content, p.Views, p.Clicks, p.Likes, p.Shares, p.TotalDuration, p.LastMs, p.Score),
            cancellationToken);

    private readonly struct ByScore : IPairRank<double>
    {
        public double Rank(in PairAcc pair) => pair.Score;

        // The score rounds the weighted sum to cents, so a sum a whole cent below a score that is
        // itself rounded to cents rounds below it: no rounding needed to reject it.
        public bool Below(in PairAcc pair, double worst) =>
            ContentBaselineScan.WeightedSum(pair.Views, pair.Clicks, pair.Likes, pair.Shares, pair.TotalDuration) < worst - 0.01;

        public bool UserBelow(PairTable table, int user, double worst) => table.BestScore[user] < worst;

        public PairOrder BestFirst(PairTable table) => table.ByBestScore;
    }
}
