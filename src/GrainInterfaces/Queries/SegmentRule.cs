namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>The behaviour that makes a user a member of a segment: at least
/// <see cref="MinEventCount"/> events of <see cref="EventType"/> (in <see cref="Country"/> when set)
/// in the <see cref="TimePeriodDays"/> days up to the reference time.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SegmentName">Its name.</param>
/// <param name="EventType">The qualifying event type.</param>
/// <param name="MinEventCount">Events needed.</param>
/// <param name="Country">Only events from this country count, when set.</param>
/// <param name="TimePeriodDays">Length of the window ending at the reference time.</param>
/// <param name="ReferenceMs">A fixed reference time (a snapshot segment), or null for "now" (a dynamic segment).</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentRule")]
public sealed record SegmentRule(
    string SegmentId,
    string SegmentName,
    string EventType,
    int MinEventCount,
    string? Country,
    int TimePeriodDays,
    long? ReferenceMs);
