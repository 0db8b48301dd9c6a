using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>recommendation_performance</c>: impressions, interactions, CTR and engagement per recommendation.</summary>
internal sealed class RecommendationPerformance : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("recommendation_id", ColumnType.String),
        new("impressions", ColumnType.UInt64),
        new("clicks", ColumnType.UInt64),
        new("likes", ColumnType.UInt64),
        new("shares", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("ctr", ColumnType.Float64),
        new("engagement_rate", ColumnType.Float64),
        new("avg_duration", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (2, true));

    public string Name => "recommendation_performance";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var limit = p.Limit(50);
        var filter = new EventFilter(from, to, Platform: p.String("platform"), RequireRecommendation: true);
        var query = new GroupQuery(
            filter,
            [GroupDimension.RecommendationId],
            [GroupMeasure.Views, GroupMeasure.Clicks, GroupMeasure.Likes, GroupMeasure.Shares, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration, GroupMeasure.Events]);
        var (groups, total, read) = await GroupMerge.AskTopAsync(context, query, new TopByMeasure(1, limit));
        var rows = groups.Select(g =>
        {
            var (views, clicks, likes, shares) = (g.Values[0], g.Values[1], g.Values[2], g.Values[3]);
            return new object?[]
            {
                g.Keys[0], (long)views, (long)clicks, (long)likes, (long)shares, (long)g.Values[4],
                ContractMath.Percent(clicks, views), ContractMath.Percent(clicks + likes + shares, views),
                ContractMath.Average(g.Values[5], g.Values[6]),
            };
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
