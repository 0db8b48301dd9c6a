using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains;

/// <summary>What a segment grain keeps in grain storage.</summary>
[GenerateSerializer, Alias("ua.SegmentState")]
public sealed record SegmentState(SegmentRule? Rule)
{
    public SegmentState()
        : this((SegmentRule?)null)
    {
    }
}
