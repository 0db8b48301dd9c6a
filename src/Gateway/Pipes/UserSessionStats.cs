using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_session_stats</c>: one row per session, newest first. With user_id, one user
/// grain call; without, every shard's newest sessions merged.</summary>
internal sealed class UserSessionStats : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("session_id", ColumnType.String),
        new("user_id", ColumnType.String),
        new("session_start", ColumnType.DateTime),
        new("session_end", ColumnType.DateTime),
        new("duration_seconds", ColumnType.Float64),
        new("event_count", ColumnType.UInt64),
        new("page_views", ColumnType.UInt64),
        new("unique_pages", ColumnType.UInt64),
        new("device_type", ColumnType.String),
        new("browser", ColumnType.String),
        new("country", ColumnType.String),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (2, true));

    public string Name => "user_session_stats";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var userId = p.String("user_id");
        var (from, to) = p.Window();
        var limit = p.Limit(100);
        var query = new SessionsQuery(new EventFilter(from, to, userId), limit);
        var partials = await Task.WhenAll(context.Targets(userId).Select(t => t.Sessions(query, context.CancellationToken)));
        var (sessions, total, read) = RowsMerge.Merge(partials);
        var rows = sessions.Select(s => new object?[]
        {
            s.SessionId, s.UserId, s.StartMs, s.EndMs, (s.EndMs - s.StartMs) / 1000.0, s.EventCount, s.PageViews, s.UniquePages,
            s.Device, s.Browser, s.Country,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
