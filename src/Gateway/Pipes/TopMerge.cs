using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>
/// Merges partials in which the shards sent only their largest groups (<see cref="GroupTop"/>),
/// when that is enough to know the answer exactly. A shard that left groups out says the largest
/// ranking value it left out, so a group's total is at most what the shards sent for it plus the
/// bounds of the shards that did not send it. If no group the gateway saw only in part, and no
/// group it did not see at all, can reach the <c>limit</c>-th largest total it knows, then the
/// groups at or above that value are the answer, every one summed from all shards. Otherwise
/// there is no proof, and the caller asks again for every group.
/// </summary>
internal static class TopMerge
{
    public static (List<MergedGroup> Groups, long Total)? TryMerge(IReadOnlyList<GroupPartial> partials, TopByMeasure top)
    {
        var measures = partials.FirstOrDefault(p => p.Count > 0)?.Values.Length ?? 0;
        if (measures == 0 || top.Limit <= 0)
        {
            return null;
        }
        var numbering = new KeyNumbering(partials);
        var cutShards = partials.Count(p => p.Omitted is not null);
        var unseenBound = partials.Sum(p => p.Omitted?.Bound ?? 0);
        var sums = new SlotSums(measures);
        // Per group: how many shards that left groups out sent it, and those shards' bounds.
        var fromCutShards = new List<int>();
        var sentBounds = new List<double>();
        for (var p = 0; p < partials.Count; p++)
        {
            var partial = partials[p];
            for (var row = 0; row < partial.Count; row++)
            {
                var at = sums.Add(numbering.SlotOf(p, row), partial, row);
                if (at == fromCutShards.Count)
                {
                    fromCutShards.Add(0);
                    sentBounds.Add(0);
                }
                if (partial.Omitted is { } omitted)
                {
                    fromCutShards[at]++;
                    sentBounds[at] += omitted.Bound;
                }
            }
        }
        var threshold = sums.Threshold(top);
        // Counts are whole numbers, so these sums of bounds are exact in doubles.
        if (!(unseenBound < threshold))
        {
            return null;
        }
        for (var group = 0; group < sums.Count; group++)
        {
            var upper = sums.Values(group)[top.Measure] + (unseenBound - sentBounds[group]);
            if (upper >= threshold && fromCutShards[group] < cutShards)
            {
                return null;
            }
        }
        var groups = sums.Groups(numbering, top, threshold);
        // Only a lower bound of the number of groups is known: the most any one shard had, or
        // the number seen, whichever is larger (rows_before_limit_at_least; decision 49).
        var total = Math.Max(sums.Count, partials.Max(p => p.Omitted?.Groups ?? p.Count));
        return (groups, total);
    }
}
