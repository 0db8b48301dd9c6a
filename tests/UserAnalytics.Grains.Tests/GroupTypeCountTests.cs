using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class GroupTypeCountTests
{
    [Fact]
    public void PerTypeCountsAreTheSameFromSealedRowsTailRowsOrBoth()
    {
        var random = new Random(4);
        string[] types = ["view", "click", "like", "share", "page_view", "purchase"];
        var events = Enumerable.Range(0, 3000).Select(n => Event(
            $"u{random.Next(40):D2}", $"e{n}", T0 + random.Next(100_000), eventType: types[random.Next(types.Length)],
            contentId: random.Next(4) == 0 ? string.Empty : $"c{random.Next(30)}")).ToArray();
        var query = new GroupQuery(
            EventFilter.All with { RequireContent = true },
            [GroupDimension.ContentId],
            [GroupMeasure.Views, GroupMeasure.Clicks, GroupMeasure.Events, GroupMeasure.Likes, GroupMeasure.Shares, GroupMeasure.PageViews]);
        var expected = events.Where(e => e.ContentId.Length > 0).GroupBy(e => e.ContentId).Select(g =>
            $"{g.Key}:{g.Count(e => e.EventType == "view")}:{g.Count(e => e.EventType == "click")}:{g.Count()}:{g.Count(e => e.EventType == "like")}:{g.Count(e => e.EventType == "share")}:{g.Count(e => e.EventType == "page_view")}")
            .Order().ToArray();

        foreach (var sealedCount in new[] { 0, 1500, 3000 })
        {
            var store = new EventStore();
            store.Add(events[..sealedCount]);
            store.Compact();
            store.Add(events[sealedCount..]);

            var partial = GroupScan.Run(store, query, default);

            Assert.Equal(expected, Enumerable.Range(0, partial.Count).Select(r => $"{partial.Key(0, r)}:{string.Join(':', partial.Values.Select(v => v[r]))}").Order());
        }
    }
}
