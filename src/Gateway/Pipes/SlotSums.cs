using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>Partial rows summed per group (a slot of a <see cref="KeyNumbering"/>), in the order
/// the groups were first seen: the sparse merge and the short-list top both add up this way.</summary>
internal sealed class SlotSums(int measures)
{
    private readonly Dictionary<long, int> _index = [];
    private readonly List<(long Slot, double[] Values)> _groups = [];

    public int Count => _groups.Count;

    public double[] Values(int group) => _groups[group].Values;

    /// <summary>Adds row <paramref name="row"/> of <paramref name="partial"/> to the group of
    /// <paramref name="slot"/> and returns the group's number.</summary>
    public int Add(long slot, GroupPartial partial, int row)
    {
        if (!_index.TryGetValue(slot, out var at))
        {
            at = _groups.Count;
            _index.Add(slot, at);
            _groups.Add((slot, new double[measures]));
        }
        var values = _groups[at].Values;
        for (var m = 0; m < measures; m++)
        {
            values[m] += partial.Values[m][row];
        }
        return at;
    }

    /// <summary>The <c>limit</c>-th largest total of the ranking measure.</summary>
    public double Threshold(TopByMeasure top)
    {
        var best = new TopValues(top.Limit);
        foreach (var (_, values) in _groups)
        {
            best.Add(values[top.Measure]);
        }
        return best.Threshold;
    }

    /// <summary>The groups whose ranking total is at least <paramref name="threshold"/> (every
    /// group without a top), with their keys.</summary>
    public List<MergedGroup> Groups(KeyNumbering numbering, TopByMeasure? top, double threshold) =>
        [.. _groups.Where(g => top is null || g.Values[top.Value.Measure] >= threshold).Select(g => numbering.Group(g.Slot, g.Values))];
}
