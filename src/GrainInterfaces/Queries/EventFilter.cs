namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>The WHERE clause every pipe applies to event rows before it aggregates. A null member
/// does not filter.</summary>
/// <param name="FromMs">Inclusive lower bound of the event time, UTC milliseconds.</param>
/// <param name="ToMs">Inclusive upper bound of the event time, UTC milliseconds.</param>
/// <param name="UserId">Only this user's events.</param>
/// <param name="EventTypes">Only events of one of these types.</param>
/// <param name="Platform">Only events with this platform.</param>
/// <param name="Device">Only events with this device.</param>
/// <param name="Country">Only events from this country.</param>
/// <param name="ContentId">Only events about this content item.</param>
/// <param name="RecommendationId">Only events about this recommendation.</param>
/// <param name="SegmentId">Only events of users who are currently members of this segment.</param>
/// <param name="RequireContent">Only events with a non-empty content id.</param>
/// <param name="RequireRecommendation">Only events with a non-empty recommendation id.</param>
[GenerateSerializer, Immutable, Alias("ua.EventFilter")]
public sealed record EventFilter(
    long? FromMs = null,
    long? ToMs = null,
    string? UserId = null,
    string[]? EventTypes = null,
    string? Platform = null,
    string? Device = null,
    string? Country = null,
    string? ContentId = null,
    string? RecommendationId = null,
    string? SegmentId = null,
    bool RequireContent = false,
    bool RequireRecommendation = false)
{
    /// <summary>A filter that passes every event.</summary>
    public static EventFilter All { get; } = new();
}
