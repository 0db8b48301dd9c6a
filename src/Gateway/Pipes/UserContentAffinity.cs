using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_content_affinity</c>: per (user, content) engagement and affinity score, highest first.</summary>
internal sealed class UserContentAffinity : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("user_id", ColumnType.String),
        new("content_id", ColumnType.String),
        new("views", ColumnType.UInt64),
        new("clicks", ColumnType.UInt64),
        new("likes", ColumnType.UInt64),
        new("shares", ColumnType.UInt64),
        new("total_duration", ColumnType.Float64),
        new("last_interaction", ColumnType.DateTime),
        new("affinity_score", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (8, true));

    public string Name => "user_content_affinity";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var userId = p.String("user_id");
        var (from, to) = p.Window();
        var limit = p.Limit(50);
        var query = new TopQuery(new EventFilter(from, to, userId, RequireContent: true), limit);
        var (pairs, total, read) = await RowsMerge.AskAsync(context.Targets(userId), t => t.Affinity(query, context.CancellationToken));
        var rows = pairs.Select(a => new object?[]
        {
            a.UserId, a.ContentId, a.Views, a.Clicks, a.Likes, a.Shares, a.TotalDuration, a.LastInteractionMs, a.AffinityScore,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
