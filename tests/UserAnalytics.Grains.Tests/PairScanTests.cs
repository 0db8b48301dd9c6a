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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PairTopsEqualABruteForceAnswerWhetherUsersAreSummarizedOrCollected(int seed)
    {
        var random = new Random(seed);
        var store = new EventStore();
        var events = new List<EventRow>();
        string[] types = ["view", "click", "like", "share", "page_view"];
        var ids = 0;
        EventRow Next(string user, long ts) =>
            Event(user, $"e{ids++}", ts, eventType: types[random.Next(types.Length)], contentId: random.Next(4) == 0 ? string.Empty : $"c{random.Next(8)}", duration: Math.Round(random.NextDouble() * 50, 3))
                with
            { RecommendationId = random.Next(3) == 0 ? string.Empty : $"r{random.Next(6)}" };
        for (var n = 0; n < 1500; n++)
        {
            events.Add(Next($"u{random.Next(60):D2}", T0 + random.Next(100_000)));
        }
        store.Add([.. events]);
        store.Compact();
        // Tail rows for some users and a new one, after the tables of the sealed block were built.
        var (from, to) = (T0 + 20_000, T0 + 70_000);
        _ = AffinityScan.Run(store, new TopQuery(EventFilter.All with { RequireContent = true }, 3), default);
        var tail = Enumerable.Range(0, 40).Select(_ => Next(random.Next(4) == 0 ? "new" : $"u{random.Next(10):D2}", T0 + random.Next(100_000))).ToArray();
        store.Add(tail);
        events.AddRange(tail);

        foreach (var (fromMs, toMs) in new (long?, long?)[] { (null, null), (T0 - 1, T0 + 200_000), (from, to) })
        {
            foreach (var limit in new[] { 1, 3, 10 })
            {
                var filter = new EventFilter(fromMs, toMs);
                var inWindow = events.Where(e => (fromMs is null || e.TimestampMs >= fromMs) && (toMs is null || e.TimestampMs <= toMs)).ToList();

                var affinity = AffinityScan.Run(store, new TopQuery(filter with { RequireContent = true }, limit), default);
                var pairs = inWindow.Where(e => e.ContentId.Length > 0).GroupBy(e => (e.UserId, e.ContentId)).Select(g => (g.Key, Rank: Score(g))).ToList();
                Assert.Equal(pairs.Count, affinity.Total);
                Assert.Equal(Best(pairs, limit), affinity.Rows.Select(r => ($"{r.UserId}/{r.ContentId}", r.AffinityScore)).Order());

                var recommendations = UserRecommendationsScan.Run(store, new TopQuery(filter with { RequireRecommendation = true }, limit), default);
                var recs = inWindow.Where(e => e.RecommendationId.Length > 0).GroupBy(e => (e.UserId, e.RecommendationId)).Select(g => (g.Key, Rank: (double)g.Max(e => e.TimestampMs))).ToList();
                Assert.Equal(recs.Count, recommendations.Total);
                Assert.Equal(Best(recs, limit), recommendations.Rows.Select(r => ($"{r.UserId}/{r.RecommendationId}", (double)r.LastInteractionMs)).Order());
            }
        }
    }

    private static double Score(IEnumerable<EventRow> rows) => ContentBaselineScan.Score(
        rows.Count(e => e.EventType == "view"),
        rows.Count(e => e.EventType == "click"),
        rows.Count(e => e.EventType == "like"),
        rows.Count(e => e.EventType == "share"),
        rows.Sum(e => e.Duration));

    /// <summary>Every pair ranked at least as high as the limit-th best.</summary>
    private static IEnumerable<(string, double)> Best(List<((string, string) Key, double Rank)> pairs, int limit)
    {
        var threshold = pairs.Select(p => p.Rank).OrderDescending().ElementAtOrDefault(Math.Min(limit, pairs.Count) - 1);
        return pairs.Where(p => p.Rank >= threshold).Select(p => ($"{p.Key.Item1}/{p.Key.Item2}", p.Rank)).Order();
    }
}
