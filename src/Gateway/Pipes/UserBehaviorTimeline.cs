using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_behavior_timeline</c>: one user's events, oldest first, with the seconds since
/// the previous returned event (one user grain call).</summary>
internal sealed class UserBehaviorTimeline : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("timestamp", ColumnType.DateTime),
        new("event_id", ColumnType.String),
        new("event_type", ColumnType.String),
        new("session_id", ColumnType.String),
        new("page", ColumnType.String),
        new("referrer", ColumnType.String),
        new("device", ColumnType.String),
        new("os", ColumnType.String),
        new("browser", ColumnType.String),
        new("country", ColumnType.String),
        new("city", ColumnType.String),
        new("properties", ColumnType.String),
        new("seconds_since_previous", ColumnType.Float64),
    ];

    // seconds_since_previous is computed after ordering, so it cannot take part in the order.
    private static readonly OutputOrder Order = new(Columns.Length - 1, (0, false));

    public string Name => "user_behavior_timeline";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var userId = p.RequiredString("user_id");
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var limit = p.Limit(100);
        var filter = new EventFilter(from, to, userId, eventType is null ? null : [eventType]);
        var partial = await context.Targets(userId)[0].Events(new EventsQuery(filter, limit, NewestFirst: false), context.CancellationToken);
        var rows = Order.SortAndTake(
            partial.Rows.Select(e => new object?[]
            {
                e.TimestampMs, e.EventId, e.EventType, e.SessionId, e.Page, e.Referrer, e.Device, e.Os, e.Browser, e.Country, e.City, e.Properties, 0.0,
            }),
            limit);
        for (var i = 1; i < rows.Count; i++)
        {
            rows[i][^1] = ((long)rows[i][0]! - (long)rows[i - 1][0]!) / 1000.0;
        }
        return new PipeResult(Columns, rows, partial.Total, partial.RowsRead);
    }
}
