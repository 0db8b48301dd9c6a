using UserAnalytics.Gateway.Pipes;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Tests;

public sealed class GroupMergeTests
{
    [Theory]
    [InlineData(20)]   // 20³ combinations: summed in dense arrays
    [InlineData(200)]  // 200³ = 8M combinations: summed in a hash table
    public void PartialsAreSummedPerPeriodAndKeysWhateverTheirNumbering(int distinct)
    {
        var random = new Random(7);
        var partials = Enumerable.Range(0, 4).Select(_ => RandomPartial(random, distinct, rows: 500)).ToArray();

        var (groups, read) = GroupMerge.Merge(partials);

        var expected = new Dictionary<(long, string, string, string), (double, double)>();
        foreach (var partial in partials)
        {
            for (var row = 0; row < partial.Count; row++)
            {
                var key = (partial.Periods[row], partial.Key(0, row), partial.Key(1, row), partial.Key(2, row));
                var (a, b) = expected.GetValueOrDefault(key);
                expected[key] = (a + partial.Values[0][row], b + partial.Values[1][row]);
            }
        }
        Assert.Equal(partials.Sum(p => p.RowsRead), read);
        Assert.Equal(expected.Count, groups.Count);
        foreach (var group in groups)
        {
            var (a, b) = expected[(group.PeriodMs, group.Keys[0], group.Keys[1], group.Keys[2])];
            Assert.Equal(a, group.Values[0]);
            Assert.Equal(b, group.Values[1]);
        }
    }

    [Theory]
    [InlineData(20)]
    [InlineData(200)]
    public void TopKeepsEveryGroupThatCanBeAmongTheFirstAndCountsThemAll(int distinct)
    {
        var random = new Random(11);
        // Small values, so many groups tie with the limit-th one.
        var partials = Enumerable.Range(0, 4).Select(_ => RandomPartial(random, distinct, rows: 500, maxValue: 4)).ToArray();
        var (all, _) = GroupMerge.Merge(partials);

        var (top, total, read) = GroupMerge.Merge(partials, new TopByMeasure(1, 7));

        var threshold = all.Select(g => g.Values[1]).OrderDescending().ElementAt(6);
        Assert.Equal(all.Count, total);
        Assert.Equal(partials.Sum(p => p.RowsRead), read);
        Assert.Equal(
            all.Where(g => g.Values[1] >= threshold).Select(Describe).Order(),
            top.Select(Describe).Order());
        Assert.True(top.Count > 7, "the data should tie at the threshold");
    }

    [Fact]
    public void TopOfFewerGroupsThanTheLimitKeepsThemAll()
    {
        var partials = Enumerable.Range(0, 2).Select(_ => RandomPartial(new Random(3), 2, rows: 3)).ToArray();
        var (all, _) = GroupMerge.Merge(partials);

        var (top, total, _) = GroupMerge.Merge(partials, new TopByMeasure(0, 50));

        Assert.Equal(all.Count, total);
        Assert.Equal(all.Count, top.Count);
    }

    [Fact]
    public void NoPartialRowsMeansNoGroups()
    {
        var empty = new GroupPartial([], [[]], [[]], [[], []], 5);
        var (groups, read) = GroupMerge.Merge([empty, empty]);
        Assert.Empty(groups);
        Assert.Equal(10, read);
        var (top, total, _) = GroupMerge.Merge([empty, empty], new TopByMeasure(0, 5));
        Assert.Empty(top);
        Assert.Equal(0, total);
    }

    private static string Describe(MergedGroup g) => $"{g.PeriodMs}|{string.Join('|', g.Keys)}|{string.Join('|', g.Values)}";

    /// <summary>A shard's partial: its own numbering of key strings, rows in no particular order,
    /// several rows may share a key (as when periods differ).</summary>
    private static GroupPartial RandomPartial(Random random, int distinct, int rows, int maxValue = 100)
    {
        var keyValues = Enumerable.Range(0, 3).Select(d => Enumerable.Range(0, distinct).Select(i => $"d{d}-{i}").OrderBy(_ => random.Next()).ToArray()).ToArray();
        var periods = Enumerable.Range(0, rows).Select(_ => (long)random.Next(3) * 3_600_000).ToArray();
        var indexes = Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, rows).Select(_ => random.Next(distinct)).ToArray()).ToArray();
        var values = Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, rows).Select(_ => (double)random.Next(1, maxValue)).ToArray()).ToArray();
        return new GroupPartial(periods, indexes, keyValues, values, rows * 3);
    }
}
