using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>Builders for test rows.</summary>
internal static class Rows
{
    public static readonly long T0 = new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static EventRow Event(
        string userId,
        string eventId,
        long timestampMs,
        string eventType = "page_view",
        string sessionId = "",
        string page = "/home",
        string platform = "web",
        string device = "desktop",
        string country = "US",
        double duration = 0,
        string contentId = "",
        string properties = "") =>
        new(eventId, userId, sessionId, eventType, timestampMs, page, "", "linux", "firefox", platform, country, "", "",
            device, duration, contentId, "", 0, "", "", properties);

    public static ShardBatch Batch(params EventRow[] events) => ShardBatch.Of(events);

    /// <summary>Stores events through the store's one apply path.</summary>
    public static void Add(this Store.EventStore store, params EventRow[] events) => store.Apply(ShardBatch.Of(events));
}
