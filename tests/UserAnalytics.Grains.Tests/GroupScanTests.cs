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
}
