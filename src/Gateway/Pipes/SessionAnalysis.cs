using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>session_analysis</c>: one row per session with content diversity and interaction depth, newest first.</summary>
internal sealed class SessionAnalysis : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("session_id", ColumnType.String),
        new("user_id", ColumnType.String),
        new("platform", ColumnType.String),
        new("device", ColumnType.String),
        new("session_start", ColumnType.DateTime),
        new("session_end", ColumnType.DateTime),
        new("duration_seconds", ColumnType.Float64),
        new("event_count", ColumnType.UInt64),
        new("unique_content", ColumnType.UInt64),
        new("interactions", ColumnType.UInt64),
        new("total_duration", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (4, true));

    public string Name => "session_analysis";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var limit = p.Limit(50);
        var query = new SessionsQuery(new EventFilter(from, to, Platform: p.String("platform"), Device: p.String("device")), limit);
        var (sessions, total, read) = await RowsMerge.AskAsync(context.AllShards(), s => s.Sessions(query, context.CancellationToken));
        var rows = sessions.Select(s => new object?[]
        {
            s.SessionId, s.UserId, s.Platform, s.Device, s.StartMs, s.EndMs, (s.EndMs - s.StartMs) / 1000.0, s.EventCount,
            s.UniqueContent, s.Interactions, s.TotalDuration,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
