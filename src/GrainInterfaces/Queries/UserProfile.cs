using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Everything personalisation needs about one user, from one grain call.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Customer">The latest customer profile, if any.</param>
/// <param name="Segments">The segments the user is a member of now.</param>
/// <param name="TopContent">The ten content items with the highest affinity score, best first.</param>
/// <param name="LiveSession">The session in progress (last event under 30 minutes ago), if any.</param>
/// <param name="RecentEvents">The last 20 events, newest first (session ids resolved).</param>
[GenerateSerializer, Immutable, Alias("ua.UserProfile")]
public sealed record UserProfile(
    string UserId,
    CustomerRow? Customer,
    SegmentMembership[] Segments,
    AffinityRow[] TopContent,
    LiveSession? LiveSession,
    EventRow[] RecentEvents);

/// <summary>A segment a user belongs to.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SegmentName">Its name on the user's membership row.</param>
/// <param name="SinceMs">When the membership row was created, UTC milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentMembership")]
public sealed record SegmentMembership(string SegmentId, string SegmentName, long SinceMs);

/// <summary>The session a user is in right now.</summary>
/// <param name="SessionId">The session id (the client's, or derived).</param>
/// <param name="StartMs">Time of its first event, UTC milliseconds.</param>
/// <param name="Events">Events so far.</param>
/// <param name="LastPage">Page of the latest event that has one.</param>
/// <param name="LastEventMs">Time of the latest event.</param>
[GenerateSerializer, Immutable, Alias("ua.LiveSession")]
public sealed record LiveSession(string SessionId, long StartMs, long Events, string LastPage, long LastEventMs);
