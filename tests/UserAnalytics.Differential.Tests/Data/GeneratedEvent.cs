namespace UserAnalytics.Differential.Tests.Data;

/// <summary>An event as the server must store it (the canonical values; how it is sent varies).</summary>
public sealed record GeneratedEvent(
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
