using UserAnalytics.Gateway.Pipes;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Tests;

public sealed class TopMergeTests
{
    [Fact]
    public void AProvenTopIsExactlyTheTopOfEveryGroupAndOtherwiseThereIsNoAnswer()
    {
        var random = new Random(5);
        var (proven, unproven) = (0, 0);
        for (var trial = 0; trial < 300; trial++)
        {
            var shards = random.Next(2, 9);
            var keys = random.Next(5, 400);
            var skew = 0.5 + (random.NextDouble() * 2);
            var full = Enumerable.Range(0, shards).Select(_ => ShardGroups(random, keys, skew)).ToArray();
            var top = new TopByMeasure(0, random.Next(1, 12));
            // Each shard cuts its own list, as shards do (the same length in practice).
            var cut = full.Select(p => Cut(p, top.Limit * random.Next(1, 12))).ToArray();
            var (expected, allGroups, _) = GroupMerge.Merge(full, top);

            var answer = TopMerge.TryMerge(cut, top);

            if (answer is not { } merged)
            {
                unproven++;
                continue;
            }
            proven++;
            Assert.Equal(expected.Select(Describe).Order(), merged.Groups.Select(Describe).Order());
            Assert.InRange(merged.Total, full.Max(p => p.Count), allGroups);
        }
        Console.WriteLine($"{proven} proven, {unproven} not");
        Assert.True(proven > 30, $"only {proven} of 300 short lists proved their top");
        Assert.True(unproven > 30, $"only {unproven} of 300 short lists failed to prove their top");
    }

    [Fact]
    public void AGroupEveryShardLeftOutCanStillBeTheLargest()
    {
        // Each shard sends its three groups of 11 and leaves out "x" (10 in each, 40 in all).
        var partials = Enumerable.Range(0, 4).Select(s => Cut(Partial([$"s{s}-a", $"s{s}-b", $"s{s}-c", "x"], [11, 11, 11, 10]), 3)).ToArray();

        Assert.All(partials, p => Assert.Equal(new GroupOmission(4, 10), p.Omitted));
        Assert.Null(TopMerge.TryMerge(partials, new TopByMeasure(0, 1)));
    }

    [Fact]
    public void AGroupNoShardSentCanTieWithTheTop()
    {
        // Both shards keep "a" and leave out "x", equal to it: "x" ties with "a" and belongs in the answer.
        var partials = Enumerable.Range(0, 2).Select(_ => Cut(Partial(["a", "x"], [10, 10]), 1)).ToArray();
        Assert.All(partials, p => Assert.Equal(["a"], p.KeyIndexes[0].Select(i => p.KeyValues[0][i])));

        Assert.Null(TopMerge.TryMerge(partials, new TopByMeasure(0, 1)));
    }

    [Fact]
    public void AGroupSomeShardsLeftOutIsProvenOnlyWhenItCannotReachTheTop()
    {
        // "a" leads everywhere; "b" was sent by one shard only. With the other shards' bounds at
        // 1, "b" can reach at most 5 + 1 = 6 < 9: the top of one is "a", summed from both shards.
        var first = Cut(Partial(["a", "b", "c"], [9, 5, 1]), 2);
        var second = Cut(Partial(["a", "c", "b"], [3, 1, 1]), 1);

        var proven = TopMerge.TryMerge([first, second], new TopByMeasure(0, 1));

        Assert.NotNull(proven);
        Assert.Equal(["|a|12|24"], proven.Value.Groups.Select(Describe));
        // For a top of two, "b" (5 + at most 1) could pass "c": no proof.
        Assert.Null(TopMerge.TryMerge([first, second], new TopByMeasure(0, 2)));
    }

    private static string Describe(MergedGroup g) => $"{string.Join('|', g.Keys.Where(k => k.Length > 0).Prepend(g.PeriodMs == 0 ? string.Empty : g.PeriodMs.ToString(System.Globalization.CultureInfo.InvariantCulture)))}|{string.Join('|', g.Values)}";

    /// <summary>One shard's groups: distinct keys, counts drawn from a skewed popularity.</summary>
    private static GroupPartial ShardGroups(Random random, int keys, double skew)
    {
        var chosen = Enumerable.Range(0, keys).Where(k => random.Next(k + 2) < 8).OrderBy(_ => random.Next()).ToArray();
        var counts = chosen.Select(k => Math.Floor(1000 / Math.Pow(k + 1, skew) * (0.8 + (0.4 * random.NextDouble()))) + random.Next(2)).ToArray();
        return Partial([.. chosen.Select(k => $"k{k}")], counts);
    }

    private static GroupPartial Partial(string[] keys, double[] counts) => new(
        new long[keys.Length],
        [[.. Enumerable.Range(0, keys.Length)]],
        [keys],
        [counts, [.. counts.Select(c => c * 2)]],
        keys.Length);

    /// <summary>What a shard answering a <see cref="GroupTop"/> of <paramref name="count"/> sends.</summary>
    private static GroupPartial Cut(GroupPartial partial, int count)
    {
        var order = Enumerable.Range(0, partial.Count).OrderByDescending(r => partial.Values[0][r]).ToArray();
        if (order.Length <= count)
        {
            return partial;
        }
        var kept = order.Take(count).ToArray();
        return new GroupPartial(
            [.. kept.Select(r => partial.Periods[r])],
            [[.. kept.Select(r => partial.KeyIndexes[0][r])]],
            partial.KeyValues,
            [.. partial.Values.Select(v => kept.Select(r => v[r]).ToArray())],
            partial.RowsRead,
            new GroupOmission(partial.Count, order.Skip(count).Max(r => partial.Values[0][r])));
    }
}
