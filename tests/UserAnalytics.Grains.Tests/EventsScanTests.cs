using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class EventsScanTests
{
    [Theory]
    [InlineData(true, null, 7)]
    [InlineData(false, null, 7)]
    [InlineData(true, "click", 5)]
    [InlineData(false, "click", 5)]
    [InlineData(true, null, 10_000)]
    public void TheRowsNearestTheRequestedEndAreEveryRowAtOrBeyondTheLimitthWithTiesAndTheTotalCountsAllMatches(bool newestFirst, string? eventType, int limit)
    {
        var random = new Random(5);
        var events = new List<EventRow>();
        for (var u = 0; u < 30; u++)
        {
            for (var e = random.Next(0, 40); e > 0; e--)
            {
                // Coarse times, so rows tie across users and within one.
                events.Add(Event($"u{u}", $"e{events.Count}", T0 + (random.Next(0, 50) * 1000), eventType: random.Next(3) == 0 ? "click" : "page_view"));
            }
        }
        var store = new EventStore();
        store.Add([.. events.Take(events.Count / 2)]);
        store.Compact();
        store.Add([.. events.Skip(events.Count / 2)]); // a tail to merge with
        var window = EventFilter.All with { FromMs = T0 + 5000, ToMs = T0 + 45_000, EventTypes = eventType is null ? null : [eventType] };

        var result = EventsScan.Run(store, new EventsQuery(window, limit, newestFirst), default);

        var matching = events.Where(e => e.TimestampMs >= window.FromMs && e.TimestampMs <= window.ToMs && (eventType is null || e.EventType == eventType)).ToList();
        var ordered = newestFirst ? matching.Select(e => e.TimestampMs).OrderDescending() : matching.Select(e => e.TimestampMs).Order();
        var limitth = ordered.Take(limit).Last();
        var expected = matching.Where(e => newestFirst ? e.TimestampMs >= limitth : e.TimestampMs <= limitth).Select(e => e.EventId).Order();
        Assert.Equal(matching.Count, result.Total);
        Assert.Equal(expected, result.Rows.Select(r => r.EventId).Order());
    }
}
