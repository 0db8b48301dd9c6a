using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_event_timeline</c>: one user's events, newest first (one user grain call).</summary>
internal sealed class UserEventTimeline : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("event_id", ColumnType.String),
        new("event_type", ColumnType.String),
        new("page_url", ColumnType.String),
        new("referrer", ColumnType.String),
        new("device_type", ColumnType.String),
        new("browser", ColumnType.String),
        new("country", ColumnType.String),
        new("city", ColumnType.String),
        new("properties", ColumnType.String),
        new("session_id", ColumnType.String),
        new("timestamp", ColumnType.DateTime),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (10, true));

    public string Name => "user_event_timeline";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var userId = p.RequiredString("user_id");
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var limit = p.Limit(100);
        var filter = new EventFilter(from, to, userId, eventType is null ? null : [eventType]);
        var partial = await context.Targets(userId)[0].Events(new EventsQuery(filter, limit, NewestFirst: true), context.CancellationToken);
        var rows = partial.Rows.Select(e => new object?[]
        {
            e.EventId, e.EventType, e.Page, e.Referrer, e.Device, e.Browser, e.Country, e.City, e.Properties, e.SessionId, e.TimestampMs,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), partial.Total, partial.RowsRead);
    }
}
