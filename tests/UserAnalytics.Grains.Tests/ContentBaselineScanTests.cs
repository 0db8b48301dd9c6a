using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class ContentBaselineScanTests
{
    [Fact]
    public void AnItemsEngagementIsTheSameFromSealedRowsTailRowsOrBoth()
    {
        var random = new Random(9);
        string[] types = ["view", "click", "like", "share", "page_view"];
        // 300 content ids, so the sealed codes take two bytes.
        var events = Enumerable.Range(0, 4000).Select(n => Event(
            $"u{random.Next(50):D2}", $"e{n}", T0 + random.Next(500) * 600_000L, eventType: types[random.Next(types.Length)],
            contentId: random.Next(3) == 0 ? "c7" : $"c{random.Next(300)}", duration: Math.Round(random.NextDouble() * 30, 2))).ToArray();
        var expectedUsers = events.Where(e => e.ContentId == "c7").GroupBy(e => e.UserId).Select(g => Describe(
            g.Key, g.Count(e => e.EventType == "view"), g.Count(e => e.EventType == "click"), g.Count(e => e.EventType == "like"),
            g.Count(e => e.EventType == "share"), g.OrderBy(e => e.TimestampMs).Sum(e => e.Duration), g.Max(e => e.TimestampMs))).Order().ToArray();
        var expectedHours = events.Where(e => e.ContentId == "c7").GroupBy(e => (e.TimestampMs / 3_600_000 * 3_600_000, e.EventType))
            .Select(g => $"{g.Key.Item1}:{g.Key.EventType}:{g.Count()}").Order().ToArray();

        foreach (var sealedCount in new[] { 0, 2000, 4000 })
        {
            var store = new EventStore();
            store.Add(events[..sealedCount]);
            store.Compact();
            store.Add(events[sealedCount..]);

            var (hourly, users) = ContentBaselineScan.Run(store, "content:c7");

            Assert.Equal(expectedUsers, users.Select(r => Describe(r.UserId, r.Views, r.Clicks, r.Likes, r.Shares, r.TotalDuration, r.LastInteractionMs)).Order());
            Assert.Equal(expectedHours, hourly.Select(h => $"{h.HourMs}:{h.EventType}:{h.Events}").Order());
        }
    }

    private static string Describe(string user, long views, long clicks, long likes, long shares, double duration, long last) =>
        $"{user}:{views}:{clicks}:{likes}:{shares}:{Math.Round(duration, 6)}:{last}";
}
