using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class PairScanTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheBestPairsAndEveryPairTiedWithTheLastAreFoundInOnePassWhateverTheOrderOfUsers(bool compact)
    {
        var store = new EventStore();
        var events = new List<EventRow>();
        // A heavy first user touching many items, each once (score 1): its table of items must
        // not leak into the next users.
        for (var c = 0; c < 300; c++)
        {
            events.Add(Event("heavy", $"h{c}", T0 + c, eventType: "view", contentId: $"c{c}"));
        }
        // Then users whose single pair scores higher and higher (1, 2, … 200 views), so the
        // threshold keeps rising and earlier candidates must be dropped; the last three tie.
        for (var u = 1; u <= 200; u++)
        {
            var views = Math.Min(u, 198);
            for (var v = 0; v < views; v++)
            {
                events.Add(Event($"u{u:D3}", $"u{u}-{v}", T0 + v, eventType: "view", contentId: "c0"));
            }
        }
        store.Add([.. events]);
        if (compact)
        {
            store.Compact();
        }

        var result = AffinityScan.Run(store, new TopQuery(EventFilter.All with { RequireContent = true }, 2), default);

        Assert.Equal(300 + 200, result.Total);
        Assert.Equal(["u198", "u199", "u200"], result.Rows.Select(r => r.UserId).Order());
        Assert.All(result.Rows, r => Assert.Equal(198, r.Views));
    }
}
