using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Scans;

/// <summary>Chooses the groups a shard sends for a <see cref="GroupTop"/>: the <c>Count</c>
/// largest by the ranking measure, and the largest value among those it leaves out, which is what
/// lets the gateway prove that no group it did not see can reach its top.</summary>
internal static class TopGroups
{
    public static (List<T> Kept, GroupOmission? Omitted) Select<T>(IEnumerable<T> groups, GroupTop top, Func<T, double> value)
    {
        var best = new PriorityQueue<T, double>(top.Count + 1);
        var bound = double.NegativeInfinity;
        long all = 0;
        foreach (var group in groups)
        {
            all++;
            var v = value(group);
            if (best.Count < top.Count)
            {
                best.Enqueue(group, v);
                continue;
            }
            if (best.TryPeek(out _, out var least) && v > least)
            {
                bound = Math.Max(bound, least);
                best.DequeueEnqueue(group, v);
            }
            else
            {
                bound = Math.Max(bound, v);
            }
        }
        List<T> kept = [.. best.UnorderedItems.Select(item => item.Element)];
        return (kept, all > kept.Count ? new GroupOmission(all, bound) : null);
    }

    /// <summary>A built partial cut down to its top (for the scans that build every group first).</summary>
    public static GroupPartial Trim(GroupPartial partial, GroupTop top)
    {
        var values = partial.Values[top.Measure];
        var (rows, omitted) = Select(Enumerable.Range(0, partial.Count), top, row => values[row]);
        if (omitted is null)
        {
            return partial;
        }
        rows.Sort();
        return new GroupPartial(
            [.. rows.Select(r => partial.Periods[r])],
            [.. partial.KeyIndexes.Select(k => rows.Select(r => k[r]).ToArray())],
            partial.KeyValues,
            [.. partial.Values.Select(v => rows.Select(r => v[r]).ToArray())],
            partial.RowsRead,
            omitted);
    }
}
