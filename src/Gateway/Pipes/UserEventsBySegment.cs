using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_events_by_segment</c>: the raw events of a segment's members, newest first.</summary>
internal sealed class UserEventsBySegment : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("event_id", ColumnType.String),
        new("user_id", ColumnType.String),
        new("session_id", ColumnType.String),
        new("event_type", ColumnType.String),
        new("timestamp", ColumnType.DateTime),
        new("page", ColumnType.String),
        new("referrer", ColumnType.String),
        new("os", ColumnType.String),
        new("browser", ColumnType.String),
        new("platform", ColumnType.String),
        new("country", ColumnType.String),
        new("region", ColumnType.String),
        new("city", ColumnType.String),
        new("device", ColumnType.String),
        new("duration", ColumnType.Float64),
        new("content_id", ColumnType.String),
        new("recommendation_id", ColumnType.String),
        new("event_value", ColumnType.Float64),
        new("product_id", ColumnType.String),
        new("category", ColumnType.String),
        new("properties", ColumnType.String),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (4, true));

    public string Name => "user_events_by_segment";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var segmentId = p.RequiredString("segment_id");
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var limit = p.Limit(1000);
        var filter = new EventFilter(from, to, EventTypes: eventType is null ? null : [eventType], SegmentId: segmentId);
        var query = new EventsQuery(filter, limit, NewestFirst: true);
        var (events, total, read) = await RowsMerge.AskAsync(context.AllShards(), s => s.Events(query, context.CancellationToken));
        var rows = events.Select(e => new object?[]
        {
            e.EventId, e.UserId, e.SessionId, e.EventType, e.TimestampMs, e.Page, e.Referrer, e.Os, e.Browser, e.Platform,
            e.Country, e.Region, e.City, e.Device, e.Duration, e.ContentId, e.RecommendationId, e.EventValue, e.ProductId,
            e.Category, e.Properties,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
