using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_recommendations</c>: per (user, recommendation) engagement, latest interaction first.</summary>
internal sealed class UserRecommendations : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("user_id", ColumnType.String),
        new("recommendation_id", ColumnType.String),
        new("impressions", ColumnType.UInt64),
        new("clicks", ColumnType.UInt64),
        new("likes", ColumnType.UInt64),
        new("shares", ColumnType.UInt64),
        new("ctr", ColumnType.Float64),
        new("last_interaction", ColumnType.DateTime),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (7, true));

    public string Name => "user_recommendations";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var userId = p.String("user_id");
        var (from, to) = p.Window();
        var limit = p.Limit(50);
        var filter = new EventFilter(from, to, userId, RecommendationId: p.String("recommendation_id"), RequireRecommendation: true);
        var query = new TopQuery(filter, limit);
        var (pairs, total, read) = await RowsMerge.AskAsync(context.Targets(userId), t => t.UserRecommendations(query, context.CancellationToken));
        var rows = pairs.Select(r => new object?[]
        {
            r.UserId, r.RecommendationId, r.Impressions, r.Clicks, r.Likes, r.Shares, ContractMath.Percent(r.Clicks, r.Impressions), r.LastInteractionMs,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
