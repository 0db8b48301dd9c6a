using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Merges grouped partials by adding their values per key. Exact distinct-user counts
/// add up too, because users never cross shards.</summary>
internal static class GroupMerge
{
    // Up to this many possible (period, key…) combinations the groups are summed in dense arrays
    // indexed by number, not in a hash table: content_engagement's ~2M partial rows fall into
    // ~200k (content × event type) slots.
    private const long MaxDenseSlots = 1 << 22;

    // How many groups each shard sends first for a top. At 10M events (16 shards, ≈ 86k content ×
    // type groups and 2,000 recommendations a shard) 8 × limit proved every top tried, for limits
    // 1 to 500; 4 × limit did not prove recommendation_performance's default, and then every
    // shard is asked twice.
    private const int CandidatesPerLimit = 8;
    private const int MinCandidates = 32;

    public static (List<MergedGroup> Groups, long RowsRead) Merge(IReadOnlyList<GroupPartial> partials)
    {
        var (groups, _, read) = Merge(partials, null);
        return (groups, read);
    }

    /// <summary>Merges, and with <paramref name="top"/> keeps only the groups that can be among
    /// the first <c>Limit</c> ordered by measure <c>Measure</c> descending: every group whose value
    /// is at least the <c>Limit</c>-th largest, ties included, so the caller's full ordering picks
    /// exactly the rows it would have picked from all of them. Total counts every merged group.</summary>
    public static (List<MergedGroup> Groups, long Total, long RowsRead) Merge(IReadOnlyList<GroupPartial> partials, TopByMeasure? top)
    {
        var numbering = new KeyNumbering(partials);
        var measures = partials.FirstOrDefault(p => p.Count > 0)?.Values.Length ?? 0;
        var read = partials.Sum(p => p.RowsRead);
        if (measures == 0)
        {
            return ([], 0, read);
        }
        var (groups, total) = numbering.Slots <= MaxDenseSlots ? MergeDense(partials, numbering, measures, top) : MergeSparse(partials, numbering, measures, top);
        return (groups, total, read);
    }

    /// <summary>Asks every target in parallel and merges.</summary>
    public static async Task<(List<MergedGroup> Groups, long RowsRead)> AskAsync(PipeContext context, string? userId, GroupQuery query)
    {
        var partials = await Task.WhenAll(context.Targets(userId).Select(t => t.Group(query, context.CancellationToken)));
        return Merge(partials);
    }

    /// <summary>Asks every shard for the candidates of a top <paramref name="top"/> and merges
    /// them (see <see cref="Merge(IReadOnlyList{GroupPartial}, TopByMeasure?)"/>). The shards send
    /// only their largest groups first; when that does not prove the top (<see cref="TopMerge"/>),
    /// they are asked again for every group.</summary>
    public static async Task<(List<MergedGroup> Groups, long Total, long RowsRead)> AskTopAsync(PipeContext context, GroupQuery query, TopByMeasure top)
    {
        var shortList = query with { Top = new GroupTop(top.Measure, Math.Max(CandidatesPerLimit * top.Limit, MinCandidates)) };
        var partials = await AskAllAsync(context, shortList);
        var read = partials.Sum(p => p.RowsRead);
        if (partials.All(p => p.Omitted is null))
        {
            return Merge(partials, top);
        }
        if (TopMerge.TryMerge(partials, top) is { } proven)
        {
            return (proven.Groups, proven.Total, read);
        }
        var (groups, total, reread) = Merge(await AskAllAsync(context, query), top);
        return (groups, total, read + reread);
    }

    private static Task<GroupPartial[]> AskAllAsync(PipeContext context, GroupQuery query) =>
        Task.WhenAll(context.Targets(null).Select(t => t.Group(query, context.CancellationToken)));

    private static (List<MergedGroup> Groups, long Total) MergeDense(IReadOnlyList<GroupPartial> partials, KeyNumbering numbering, int measures, TopByMeasure? top)
    {
        var slots = (int)numbering.Slots;
        var sums = Enumerable.Range(0, measures).Select(_ => new double[slots]).ToArray();
        var touched = new bool[slots];
        for (var p = 0; p < partials.Count; p++)
        {
            var partial = partials[p];
            for (var row = 0; row < partial.Count; row++)
            {
                var slot = (int)numbering.SlotOf(p, row);
                touched[slot] = true;
                for (var m = 0; m < measures; m++)
                {
                    sums[m][slot] += partial.Values[m][row];
                }
            }
        }
        var threshold = double.NegativeInfinity;
        long total = 0;
        if (top is { } t)
        {
            var ranked = sums[t.Measure];
            var best = new TopValues(t.Limit);
            for (var slot = 0; slot < slots; slot++)
            {
                if (touched[slot])
                {
                    best.Add(ranked[slot]);
                }
            }
            threshold = best.Threshold;
        }
        var groups = new List<MergedGroup>();
        for (var slot = 0; slot < slots; slot++)
        {
            if (!touched[slot])
            {
                continue;
            }
            total++;
            if (top is null || sums[top.Value.Measure][slot] >= threshold)
            {
                groups.Add(numbering.Group(slot, sums.Select(s => s[slot]).ToArray()));
            }
        }
        return (groups, total);
    }

    private static (List<MergedGroup> Groups, long Total) MergeSparse(IReadOnlyList<GroupPartial> partials, KeyNumbering numbering, int measures, TopByMeasure? top)
    {
        var sums = new SlotSums(measures);
        for (var p = 0; p < partials.Count; p++)
        {
            for (var row = 0; row < partials[p].Count; row++)
            {
                sums.Add(numbering.SlotOf(p, row), partials[p], row);
            }
        }
        var threshold = top is { } t ? sums.Threshold(t) : double.NegativeInfinity;
        return (sums.Groups(numbering, top, threshold), sums.Count);
    }
}

/// <summary>Keep only the candidates of the first <paramref name="Limit"/> groups by measure
/// <paramref name="Measure"/>, largest first.</summary>
internal readonly record struct TopByMeasure(int Measure, int Limit);

/// <summary>A merged group: its period, its string keys and its summed values.</summary>
internal sealed record MergedGroup(long PeriodMs, string[] Keys, double[] Values);
