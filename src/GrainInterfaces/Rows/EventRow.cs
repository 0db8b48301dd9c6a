namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>One validated row of the <c>user_events</c> stream (also ingested as <c>customer_events</c>).</summary>
/// <param name="EventId">The event's id; generated (UUIDv7) by the gateway when the client sent none.</param>
/// <param name="UserId">The user (also called customer) the event belongs to; selects the shard.</param>
/// <param name="SessionId">The client's session id, or empty when the session is derived from timing.</param>
/// <param name="EventType">The kind of event, such as <c>page_view</c> or <c>purchase</c>.</param>
/// <param name="TimestampMs">Event time in UTC milliseconds since the Unix epoch.</param>
/// <param name="Page">Page or URL.</param>
/// <param name="Referrer">Referrer.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Browser">Browser.</param>
/// <param name="Platform">Platform, such as web or ios.</param>
/// <param name="Country">Country.</param>
/// <param name="Region">Region.</param>
/// <param name="City">City.</param>
/// <param name="Device">Device type.</param>
/// <param name="Duration">Seconds spent, 0 when absent.</param>
/// <param name="ContentId">Content item the event concerns, or empty.</param>
/// <param name="RecommendationId">Recommendation the event concerns, or empty.</param>
/// <param name="EventValue">Monetary or other value, 0 when absent.</param>
/// <param name="ProductId">Product id, or empty.</param>
/// <param name="Category">Category, or empty.</param>
/// <param name="Properties">Free-form JSON object as compact text, or empty.</param>
[GenerateSerializer, Immutable, Alias("ua.EventRow")]
public sealed record EventRow(
    string EventId,
    string UserId,
    string SessionId,
    string EventType,
    long TimestampMs,
    string Page,
    string Referrer,
    string Os,
    string Browser,
    string Platform,
    string Country,
    string Region,
    string City,
    string Device,
    double Duration,
    string ContentId,
    string RecommendationId,
    double EventValue,
    string ProductId,
    string Category,
    string Properties);
