using UserAnalytics.Grains.Placement;

namespace UserAnalytics.Grains.Tests;

public sealed class ShardBalancePlanTests
{
    [Fact]
    public void AnEvenSpreadMovesNothing()
    {
        var placement = Enumerable.Range(0, 12).Select(s => (s, $"silo-{s % 3}")).ToList();
        Assert.Empty(ShardBalancePlan.Compute(placement, ["silo-0", "silo-1", "silo-2"]));
    }

    [Fact]
    public void ALopsidedSpreadMovesOnlyTheExcess()
    {
        // 9 / 2 / 1 of 12: the busiest keeps 4, the others fill up to 4.
        var placement = Enumerable.Range(0, 12).Select(s => (s, s < 9 ? "a" : s < 11 ? "b" : "c")).ToList();
        var moves = ShardBalancePlan.Compute(placement, ["a", "b", "c"]);

        Assert.Equal(5, moves.Count);
        Assert.All(moves, m => Assert.Equal("a", m.From));
        Assert.Equal([4, 4, 4], After(placement, moves).GroupBy(p => p.Silo).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public void ANewSiloReceivesItsShareAndNobodyElseMoves()
    {
        var placement = Enumerable.Range(0, 12).Select(s => (s, $"silo-{s % 3}")).ToList();
        var moves = ShardBalancePlan.Compute(placement, ["silo-0", "silo-1", "silo-2", "silo-3"]);

        Assert.Equal(3, moves.Count);
        Assert.All(moves, m => Assert.Equal("silo-3", m.To));
        Assert.Equal(3, moves.Select(m => m.From).Distinct().Count());
    }

    [Fact]
    public void ShardsOnASiloThatIsGoneMoveAndAnUnevenCountGivesTheExtrasToTheBusiest()
    {
        // 16 shards over 3 silos: 6 / 5 / 5; "gone" is not active any more.
        var placement = Enumerable.Range(0, 16).Select(s => (s, s < 7 ? "a" : s < 10 ? "b" : s < 13 ? "c" : "gone")).ToList();
        var moves = ShardBalancePlan.Compute(placement, ["a", "b", "c"]);

        var after = After(placement, moves);
        Assert.DoesNotContain(after, p => p.Silo == "gone");
        Assert.Equal([6, 5, 5], after.GroupBy(p => p.Silo).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.Equal(4, moves.Count); // the 3 homeless ones, and a's 7th
    }

    [Fact]
    public void NoActiveSiloMeansNoPlan() =>
        Assert.Empty(ShardBalancePlan.Compute([(0, "a")], []));

    private static List<(int Shard, string Silo)> After(List<(int Shard, string Silo)> placement, IReadOnlyList<(int Shard, string From, string To)> moves) =>
        placement.Select(p => (p.Shard, moves.FirstOrDefault(m => m.Shard == p.Shard).To ?? p.Silo)).ToList();
}
