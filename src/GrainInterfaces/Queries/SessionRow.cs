namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A session computed from filtered events. The attributes come from its first event.</summary>
/// <param name="SessionId">The client's session id, or the derived <c>user_id#epoch_seconds</c>.</param>
/// <param name="UserId">The user.</param>
/// <param name="Platform">Platform of the first event.</param>
/// <param name="Device">Device of the first event.</param>
/// <param name="Browser">Browser of the first event.</param>
/// <param name="Country">Country of the first event.</param>
/// <param name="StartMs">Time of the first event, UTC milliseconds.</param>
/// <param name="EndMs">Time of the last event, UTC milliseconds.</param>
/// <param name="EventCount">Number of events.</param>
/// <param name="PageViews">Number of <c>page_view</c> events.</param>
/// <param name="UniquePages">Distinct non-empty pages.</param>
/// <param name="UniqueContent">Distinct non-empty content ids.</param>
/// <param name="Interactions">Number of <c>click</c>, <c>like</c> and <c>share</c> events.</param>
/// <param name="TotalDuration">Sum of <c>duration</c>.</param>
[GenerateSerializer, Immutable, Alias("ua.SessionRow")]
public sealed record SessionRow(
    string SessionId,
    string UserId,
    string Platform,
    string Device,
    string Browser,
    string Country,
    long StartMs,
    long EndMs,
    long EventCount,
    long PageViews,
    long UniquePages,
    long UniqueContent,
    long Interactions,
    double TotalDuration);
