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
        var eventId = v.Text(0);
        if (eventId.Length == 0)
        {
            eventId = Guid.CreateVersion7().ToString();
        }
        var row = new EventRow(
            eventId, v.Text(1), v.Text(2), v.Text(3), v.Time(4), v.Text(5), v.Text(6), v.Text(7), v.Text(8),
            v.Text(9), v.Text(10), v.Text(11), v.Text(12), v.Text(13), v.Number(14), v.Text(15), v.Text(16),
            v.Number(17), v.Text(18), v.Text(19), v.Text(20));
        batches.Add(row);
        return null;
    }
}
