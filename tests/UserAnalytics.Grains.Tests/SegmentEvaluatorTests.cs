using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class SegmentEvaluatorTests
{
    private const long Day = 86_400_000;

    /// <summary>A purchase on one row in 3 is a common type (searched each time); one in 60 is a
    /// rare one, whose rows the store keeps (<see cref="TypeRows"/>).</summary>
    [Theory]
    [InlineData(1, null, 3)]
    [InlineData(3, null, 3)]
    [InlineData(2, "DE", 3)]
    [InlineData(1, null, 60)]
    [InlineData(2, "DE", 60)]
    public void MembersAreTheSameFromSealedRowsTailRowsOrBoth(int minEvents, string? country, int purchaseOneIn)
    {
        var random = new Random(minEvents);
        var events = Enumerable.Range(0, 3000).Select(n => Event(
            $"u{random.Next(80):D2}", $"e{n}", T0 + random.Next(60) * Day / 2 + random.Next(1000),
            eventType: random.Next(purchaseOneIn) == 0 ? "purchase" : "page_view", country: random.Next(2) == 0 ? "DE" : "FR")).ToArray();
        var reference = T0 + (20 * Day);
        var rule = new SegmentRule("seg-x", "x", "purchase", minEvents, country, 7, reference);
        var expected = events
            .Where(e => e.EventType == "purchase" && (country is null || e.Country == country) && e.TimestampMs > reference - (7 * Day) && e.TimestampMs <= reference)
            .GroupBy(e => e.UserId).Where(g => g.Count() >= minEvents).Select(g => g.Key).Order().ToArray();

        foreach (var sealedShare in new[] { 0, 1500, 3000 })
        {
            var store = new EventStore();
            store.Add(events[..sealedShare]);
            store.Compact();
            store.Add(events[sealedShare..]);

            var (rows, members) = SegmentEvaluator.Evaluate(store, rule, reference);
            var (again, membersAgain) = SegmentEvaluator.Evaluate(store, rule, reference);

            Assert.Equal(expected.Length, members);
            Assert.Equal(expected, rows.Where(r => r.Active).Select(r => r.UserId).Order());
            Assert.Equal(expected.Length, membersAgain);
            Assert.Equal(expected, again.Where(r => r.Active).Select(r => r.UserId).Order());
            var type = store.Pool(EventColumn.EventType).Find("purchase");
            Assert.Equal(sealedShare > 0 && purchaseOneIn > TypeRows.RareShare, store.Sealed.Count > 0 && TypeRows.Of(store, type).Rows is not null);

            // A compaction replaces the block the kept rows describe.
            store.Compact();
            var (compacted, membersCompacted) = SegmentEvaluator.Evaluate(store, rule, reference);
            Assert.Equal(expected.Length, membersCompacted);
            Assert.Equal(expected, compacted.Where(r => r.Active).Select(r => r.UserId).Order());
        }
    }

    [Fact]
    public void AReEvaluationActivatesNewMembersAndDeactivatesFormerOnes()
    {
        var random = new Random(7);
        EventRow[] Events(int from, int count) => [.. Enumerable.Range(from, count).Select(n => Event(
            $"u{random.Next(60):D2}", $"e{n}", T0 + random.Next(40) * Day / 2 + random.Next(1000),
            eventType: random.Next(4) == 0 ? "purchase" : "view"))];
        var store = new EventStore();
        var first = Events(0, 800);
        store.Add(first);
        store.Compact();
        var rule = new SegmentRule("seg-r", "r", "purchase", 2, null, 5, T0 + (10 * Day));
        var (rows, _) = SegmentEvaluator.Evaluate(store, rule, T0 + (10 * Day));
        foreach (var row in rows)
        {
            store.ApplySegment(row);
        }
        var before = rows.Where(r => r.Active).Select(r => r.UserId).ToHashSet();
        var later = Events(800, 800);
        store.Add(later);
        var moved = rule with { ReferenceMs = T0 + (15 * Day) };
        var expected = first.Concat(later)
            .Where(e => e.EventType == "purchase" && e.TimestampMs > T0 + (10 * Day) && e.TimestampMs <= T0 + (15 * Day))
            .GroupBy(e => e.UserId).Where(g => g.Count() >= 2).Select(g => g.Key).ToHashSet();
        Assert.NotEmpty(before.Except(expected));
        Assert.NotEmpty(expected.Except(before));

        var (all, members) = SegmentEvaluator.Evaluate(store, moved, T0 + (15 * Day));
        var (changes, _) = SegmentEvaluator.Evaluate(store, moved, T0 + (15 * Day), changesOnly: true);

        Assert.Equal(expected.Count, members);
        Assert.Equal(expected.Order(), all.Where(r => r.Active).Select(r => r.UserId).Order());
        Assert.Equal(before.Except(expected).Order(), all.Where(r => !r.Active).Select(r => r.UserId).Order());
        Assert.Equal(expected.Except(before).Order(), changes.Where(r => r.Active).Select(r => r.UserId).Order());
        Assert.Equal(before.Except(expected).Order(), changes.Where(r => !r.Active).Select(r => r.UserId).Order());
    }

    [Fact]
    public void ATypeNewerThanTheSealedBlockMatchesNoneOfItsRows()
    {
        // 200 types sealed at one byte a code; then a type whose code (300) is 44 in a byte.
        var store = new EventStore();
        store.Add([.. Enumerable.Range(1, 200).Select(t => Event("filler", $"f{t}", T0 + t, eventType: $"t{t}"))]);
        var types = store.Pool(EventColumn.EventType);
        store.Add([.. Enumerable.Range(0, 3).Select(n => Event("a", $"a{n}", T0 + 1000 + n, eventType: types[44]))]);
        store.Compact();
        store.Add([.. Enumerable.Range(201, 120).Select(t => Event("b", $"b{t}", T0 + 2000 + t, eventType: $"t{t}"))]);
        var rule = new SegmentRule("seg-new", "new", types[300], 1, null, 30, T0 + Day);

        var (rows, members) = SegmentEvaluator.Evaluate(store, rule, T0 + Day);

        Assert.Equal(1, members);
        Assert.Equal(["b"], rows.Where(r => r.Active).Select(r => r.UserId));
    }
}
