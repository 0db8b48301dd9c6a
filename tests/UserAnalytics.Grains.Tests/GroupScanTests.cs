using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class GroupScanTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RequiringContentLeavesOutRowsWithoutItWhetherTheRowsAreSealedOrNot(bool compact)
    {
        var store = new EventStore();
        store.Add(
            Event("u1", "1", T0, contentId: "c1", duration: 2),
            Event("u1", "2", T0 + 1, contentId: ""),
            Event("u1", "3", T0 + 2, contentId: "c1", duration: 4),
            Event("u2", "4", T0 + 3, contentId: "c2"),
            Event("u2", "5", T0 + 4, contentId: ""),
            Event("u3", "6", T0 + 5, contentId: "c1"));
        if (compact)
        {
            store.Compact();
        }

        foreach (var bucket in new Bucket?[] { null, Bucket.Day })
        {
            var partial = GroupScan.Run(store, new GroupQuery(EventFilter.All with { RequireContent = true }, [GroupDimension.ContentId], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration], bucket), default);

            var groups = Enumerable.Range(0, partial.Count).ToDictionary(g => partial.Key(0, g), g => (partial.Values[0][g], partial.Values[1][g], partial.Values[2][g]));
            Assert.Equal(2, groups.Count);
            Assert.Equal((3, 2, 6), groups["c1"]);
            Assert.Equal((1, 1, 0), groups["c2"]);
        }
    }

    /// <summary>Durations in tenths are kept as scaled units once sealed, and the direct loop sums
    /// the units (decision 65): the sums agree with the unsealed rows' sums of doubles to rounding.</summary>
    [Fact]
    public void SumsOfDurationsInTenthsAgreeWhetherTheRowsAreSealedOrNot()
    {
        var random = new Random(65);
        var events = Enumerable.Range(0, 2000).Select(n => Event(
            $"u{random.Next(40)}", $"e{n}", T0 + n, eventType: random.Next(3) == 0 ? "click" : "page_view",
            duration: Math.Round(random.NextDouble() * 120, 1))).ToArray();
        var unsealed = new EventStore();
        unsealed.Add(events);
        var sealedStore = new EventStore();
        sealedStore.Add(events);
        sealedStore.Compact();
        Assert.True(sealedStore.Sealed.Durations.Scaled);
        var query = new GroupQuery(EventFilter.All, [GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.SumDuration]);

        var expected = Sums(unsealed);
        var actual = Sums(sealedStore);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (type, sum) in expected)
        {
            Assert.Equal(sum, actual[type], sum * 1e-12);
            Assert.Equal(events.Where(e => e.EventType == type).Sum(e => (decimal)e.Duration), (decimal)actual[type], 1);
        }

        Dictionary<string, double> Sums(EventStore store)
        {
            var partial = GroupScan.Run(store, query, default);
            return Enumerable.Range(0, partial.Count).ToDictionary(g => partial.Key(0, g), g => partial.Values[1][g]);
        }
    }
}
