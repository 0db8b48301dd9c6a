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
        var index = new Dictionary<long, int>();
        var merged = new List<Candidate>();
        for (var p = 0; p < partials.Count; p++)
        {
            var partial = partials[p];
            for (var row = 0; row < partial.Count; row++)
            {
                var slot = numbering.SlotOf(p, row);
                if (!index.TryGetValue(slot, out var at))
                {
                    at = merged.Count;
                    index.Add(slot, at);
                    merged.Add(new Candidate(slot, new double[measures]));
                }
                var candidate = merged[at];
                for (var m = 0; m < measures; m++)
                {
                    candidate.Values[m] += partial.Values[m][row];
                }
                if (partial.Omitted is { } omitted)
                {
                    candidate.FromCutShards++;
                    candidate.SentBounds += omitted.Bound;
                }
            }
        }
        var best = new TopValues(top.Limit);
        foreach (var candidate in merged)
        {
            best.Add(candidate.Values[top.Measure]);
        }
        var threshold = best.Threshold;
        // Counts are whole numbers, so these sums of bounds are exact in doubles.
        if (!(unseenBound < threshold))
        {
            return null;
        }
        foreach (var candidate in merged)
        {
            var upper = candidate.Values[top.Measure] + (unseenBound - candidate.SentBounds);
            if (upper >= threshold && candidate.FromCutShards < cutShards)
            {
                return null;
            }
        }
        var groups = merged.Where(c => c.Values[top.Measure] >= threshold).Select(c => numbering.Group(c.Slot, c.Values)).ToList();
        // Only a lower bound of the number of groups is known: the most any one shard had, or
        // the number seen, whichever is larger (rows_before_limit_at_least; decision 49).
        var total = Math.Max(merged.Count, partials.Max(p => p.Omitted?.Groups ?? p.Count));
        return (groups, total);
    }

    private sealed class Candidate(long slot, double[] values)
    {
        public long Slot { get; } = slot;

        public double[] Values { get; } = values;

        public int FromCutShards { get; set; }

        public double SentBounds { get; set; }
    }
}
