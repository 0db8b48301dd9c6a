namespace UserAnalytics.Grains.Store;

/// <summary>The dictionary-encoded string columns of an event.</summary>
internal enum EventColumn
{
    EventType,
    Session,
    Page,
    Referrer,
    Os,
    Browser,
    Platform,
    Country,
    Region,
    City,
    Device,
    ContentId,
    RecommendationId,
    ProductId,
    Category,
}

internal static class EventColumns
{
    public const int Count = (int)EventColumn.Category + 1;
}
