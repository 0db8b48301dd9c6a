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

    /// <summary>True for the columns a sealed block may store per user run or sparse
    /// (<see cref="CodeVector.Packed"/>): those that mostly describe the user or are mostly empty,
    /// and that no loop reads through <see cref="CodeVector.Raw"/>.</summary>
    public static bool MayPack(EventColumn column) => column is EventColumn.Referrer or EventColumn.Os
        or EventColumn.Browser or EventColumn.Platform or EventColumn.Country or EventColumn.Region
        or EventColumn.City or EventColumn.Device or EventColumn.ProductId or EventColumn.Category;
}
