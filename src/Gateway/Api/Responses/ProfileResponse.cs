using UserAnalytics.Gateway.Ingest;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Api.Responses;

/// <summary>The body of <c>GET /v0/users/{user_id}/profile</c>.</summary>
internal sealed record ProfileResponse(
    string UserId,
    CustomerResponse? Customer,
    SegmentResponse[] Segments,
    ContentAffinityResponse[] TopContent,
    LiveSessionResponse? LiveSession,
    EventResponse[] RecentEvents)
{
    public static ProfileResponse From(UserProfile p) => new(
        p.UserId,
        p.Customer is { } c ? new CustomerResponse(c.Name, c.Email, c.Age, c.Gender, c.Location, Timestamps.FormatDateTime(c.SignupDateMs), c.LifetimeValue) : null,
        [.. p.Segments.Select(s => new SegmentResponse(s.SegmentId, s.SegmentName, Timestamps.FormatDateTime(s.SinceMs)))],
        [.. p.TopContent.Select(ContentAffinityResponse.From)],
        p.LiveSession is { } l ? new LiveSessionResponse(l.SessionId, Timestamps.FormatDateTime(l.StartMs), l.Events, l.LastPage, Timestamps.FormatDateTime(l.LastEventMs)) : null,
        [.. p.RecentEvents.Select(EventResponse.From)]);
}

internal sealed record CustomerResponse(string Name, string Email, int Age, string Gender, string Location, string SignupDate, double LifetimeValue);

internal sealed record SegmentResponse(string SegmentId, string SegmentName, string Since);

internal sealed record LiveSessionResponse(string SessionId, string SessionStart, long Events, string LastPage, string LastEvent);

internal sealed record ContentAffinityResponse(string UserId, string ContentId, long Views, long Clicks, long Likes, long Shares, double TotalDuration, string LastInteraction, double AffinityScore)
{
    public static ContentAffinityResponse From(AffinityRow a) =>
        new(a.UserId, a.ContentId, a.Views, a.Clicks, a.Likes, a.Shares, a.TotalDuration, Timestamps.FormatDateTime(a.LastInteractionMs), a.AffinityScore);
}

internal sealed record EventResponse(string EventId, string EventType, string Timestamp, string SessionId, string Page, string ContentId, string Properties)
{
    public static EventResponse From(EventRow e) =>
        new(e.EventId, e.EventType, Timestamps.FormatDateTime(e.TimestampMs), e.SessionId, e.Page, e.ContentId, e.Properties);
}
