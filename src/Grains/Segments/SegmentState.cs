using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Segments;

/// <summary>What a segment grain keeps in grain storage.</summary>
/// <param name="Rule">The rule that defines the segment, or null when it only has ingested rows.</param>
/// <param name="LastRolledUpDayMs">The last day whose rollups were written, UTC milliseconds.</param>
[GenerateSerializer, Alias("ua.SegmentState")]
public sealed record SegmentState(SegmentRule? Rule, long? LastRolledUpDayMs)
{
    public SegmentState()
        : this(null, null)
    {
    }
}
