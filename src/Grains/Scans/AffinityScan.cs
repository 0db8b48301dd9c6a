using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Content affinity per (user, content): views + 2·clicks + 3·likes + 4·shares +
/// total_duration/60, rounded to two decimals (rows rank by the rounded score, as they are shown).</summary>
internal static class AffinityScan
{
    public static RowsPartial<AffinityRow> Run(EventStore store, TopQuery query, CancellationToken cancellationToken) =>
        PairScan.Run(
            store,
            query,
            EventColumn.ContentId,
            Score,
            (user, p, content) => new AffinityRow(user.UserId, content, p.Views, p.Clicks, p.Likes, p.Shares, p.TotalDuration, p.LastMs, Score(p)),
            cancellationToken);

    private static double Score(PairAcc p) => ContentBaselineScan.Score(p.Views, p.Clicks, p.Likes, p.Shares, p.TotalDuration);
}
