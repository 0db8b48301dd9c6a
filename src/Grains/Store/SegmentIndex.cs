using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Grains.Store;

/// <summary>What a store knows about one segment: its current members among the store's users and
/// the name on the segment's latest row.</summary>
internal sealed class SegmentIndex
{
    public HashSet<int> Members { get; } = [];

    public string Name { get; private set; } = string.Empty;

    public long NameUpdatedAtMs { get; private set; } = long.MinValue;

    /// <summary>The latest row names the segment; among rows with equal update times the greatest
    /// name (ordinal) wins, so the answer never depends on arrival order across shards.</summary>
    public void ObserveName(string name, long updatedAtMs)
    {
        if (updatedAtMs > NameUpdatedAtMs || (updatedAtMs == NameUpdatedAtMs && StringOrder.Compare(name, Name) > 0))
        {
            Name = name;
            NameUpdatedAtMs = updatedAtMs;
        }
    }
}
