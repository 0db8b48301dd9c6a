using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class TopGroupsTests
{
    [Theory]
    [InlineData(false, 5)]
    [InlineData(true, 5)]
    [InlineData(true, 1)]
    [InlineData(true, 500)]
    public void AShardSendsItsLargestGroupsAndTheLargestValueItLeftOut(bool compact, int count)
    {
        var store = new EventStore();
        var events = new List<EventRow>();
        var random = new Random(3);
        // Content c{k} is viewed about 60 / (k + 1) times, clicked less, by a few users.
        for (var k = 0; k < 40; k++)
        {
            for (var n = 0; n < 60 / (k + 1); n++)
            {
                var type = random.Next(3) == 0 ? "click" : "view";
                events.Add(Event($"u{random.Next(7)}", $"e{k}-{n}", T0 + events.Count, eventType: type, contentId: $"c{k}", duration: n));
            }
        }
        store.Add([.. events]);
        if (compact)
        {
            store.Compact();
        }
        var query = new GroupQuery(EventFilter.All with { RequireContent = true }, [GroupDimension.ContentId, GroupDimension.EventType], [GroupMeasure.UniqueUsers, GroupMeasure.Events, GroupMeasure.SumDuration]);
        var all = Rows(GroupScan.Run(store, query, default));

        var partial = GroupScan.Run(store, query with { Top = new GroupTop(1, count) }, default);

        var sent = Rows(partial);
        var byEvents = all.Values.Select(v => v[1]).OrderDescending().ToArray();
        Assert.Equal(Math.Min(count, all.Count), sent.Count);
        Assert.All(sent, row => Assert.Equal(all[row.Key], row.Value));
        Assert.True(sent.Values.Min(v => v[1]) >= byEvents[sent.Count - 1], "a sent group is among the largest");
        if (count >= all.Count)
        {
            Assert.Null(partial.Omitted);
            return;
        }
        var leftOut = all.Where(row => !sent.ContainsKey(row.Key)).Max(row => row.Value[1]);
        Assert.Equal(new GroupOmission(all.Count, leftOut), partial.Omitted);
    }

    [Fact]
    public void ACutBuiltPartialKeepsItsRowsWhole()
    {
        var partial = new GroupPartial([0, 0, 0, 0], [[0, 1, 2, 3]], [["a", "b", "c", "d"]], [[4, 9, 1, 9], [40, 90, 10, 91]], 8);

        var cut = TopGroups.Trim(partial, new GroupTop(0, 2));

        Assert.Equal(["b", "d"], Enumerable.Range(0, cut.Count).Select(r => cut.Key(0, r)));
        Assert.Equal([90, 91], cut.Values[1]);
        Assert.Equal(new GroupOmission(4, 4), cut.Omitted);
        Assert.Same(partial, TopGroups.Trim(partial, new GroupTop(0, 4)));
    }

    private static Dictionary<string, double[]> Rows(GroupPartial partial) =>
        Enumerable.Range(0, partial.Count).ToDictionary(
            r => $"{partial.Key(0, r)}|{partial.Key(1, r)}",
            r => partial.Values.Select(v => v[r]).ToArray());
}
