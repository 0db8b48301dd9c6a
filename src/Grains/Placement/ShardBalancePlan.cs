namespace UserAnalytics.Grains.Placement;

/// <summary>Which shards to move so every active silo holds ⌊S/n⌋ or ⌈S/n⌉ of S shards, moving as
/// few as possible: the silos holding the most keep the ⌈S/n⌉ quotas, and only shards above a
/// silo's quota (or on a silo that is no longer active) move, to the silos furthest below theirs.</summary>
public static class ShardBalancePlan
{
    public static IReadOnlyList<(int Shard, string From, string To)> Compute(IReadOnlyList<(int Shard, string Silo)> placement, IReadOnlyList<string> activeSilos)
    {
        if (activeSilos.Count == 0 || placement.Count == 0)
        {
            return [];
        }
        var bySilo = activeSilos.Distinct(StringComparer.Ordinal).ToDictionary(s => s, _ => new List<int>(), StringComparer.Ordinal);
        var homeless = new List<(int Shard, string From)>();
        foreach (var (shard, silo) in placement.OrderBy(p => p.Shard))
        {
            if (bySilo.TryGetValue(silo, out var shards))
            {
                shards.Add(shard);
            }
            else
            {
                homeless.Add((shard, silo));
            }
        }

        var floor = placement.Count / bySilo.Count;
        var extra = placement.Count % bySilo.Count;
        // Ties broken by name, so every caller computes the same plan.
        var quotas = bySilo.OrderByDescending(s => s.Value.Count).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select((s, i) => (Silo: s.Key, Quota: floor + (i < extra ? 1 : 0)))
            .ToDictionary(q => q.Silo, q => q.Quota, StringComparer.Ordinal);

        var leaving = new List<(int Shard, string From)>(homeless);
        foreach (var (silo, shards) in bySilo)
        {
            leaving.AddRange(shards.Skip(quotas[silo]).Select(s => (s, silo)));
        }
        var moves = new List<(int Shard, string From, string To)>();
        foreach (var (shard, from) in leaving.OrderBy(l => l.Shard))
        {
            var to = bySilo.Where(s => s.Value.Count < quotas[s.Key])
                .OrderBy(s => s.Value.Count - quotas[s.Key]).ThenBy(s => s.Key, StringComparer.Ordinal)
                .First().Key;
            bySilo[to].Add(shard);
            moves.Add((shard, from, to));
        }
        return moves;
    }
}
