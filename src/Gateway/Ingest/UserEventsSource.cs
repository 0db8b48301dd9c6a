using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary><c>user_events</c>, also appended to as <c>customer_events</c>: the one event stream.</summary>
internal sealed class UserEventsSource : DataSource
{
    private static readonly ColumnSpec[] Spec =
    [
        new("event_id", ColumnKind.String),
        new("user_id", ColumnKind.String, Required: true, "customer_id"),
        new("session_id", ColumnKind.String),
        new("event_type", ColumnKind.String, Required: true),
        new("timestamp", ColumnKind.DateTime, Required: true),
        new("page", ColumnKind.String, false, "page_url"),
        new("referrer", ColumnKind.String),
        new("os", ColumnKind.String),
        new("browser", ColumnKind.String),
        new("platform", ColumnKind.String),
        new("country", ColumnKind.String),
        new("region", ColumnKind.String),
        new("city", ColumnKind.String),
        new("device", ColumnKind.String, false, "device_type"),
        new("duration", ColumnKind.Float64),
        new("content_id", ColumnKind.String),
        new("recommendation_id", ColumnKind.String),
        new("event_value", ColumnKind.Float64),
        new("product_id", ColumnKind.String),
        new("category", ColumnKind.String),
        new("properties", ColumnKind.Json, false, "metadata"),
    ];

    public UserEventsSource(string name)
        : base(name, Spec)
    {
    }

    protected override string? Add(RowValues v, ShardBatches batches)
    {
        Span<byte> generatedId = stackalloc byte[36];
        scoped var eventId = v.Text(0);
        if (eventId.IsEmpty)
        {
            Guid.CreateVersion7().TryFormat(generatedId, out var written);
            eventId = generatedId[..written];
        }
        scoped var fields = new EventFields
        {
            EventId = eventId,
            UserId = v.Text(1),
            SessionId = v.Text(2),
            EventType = v.Text(3),
            TimestampMs = v.Time(4),
            Page = v.Text(5),
            Referrer = v.Text(6),
            Os = v.Text(7),
            Browser = v.Text(8),
            Platform = v.Text(9),
            Country = v.Text(10),
            Region = v.Text(11),
            City = v.Text(12),
            Device = v.Text(13),
            Duration = v.Number(14),
            ContentId = v.Text(15),
            RecommendationId = v.Text(16),
            EventValue = v.Number(17),
            ProductId = v.Text(18),
            Category = v.Text(19),
            Properties = v.Text(20),
        };
        batches.Add(in fields);
        return null;
    }
}
