using System.Text.Json;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Api.Responses;

/// <summary>The body of <c>GET /v0/users/{user_id}/profile</c>: user_id, customer, segments,
/// top_content, live_session and recent_events (README, "Grain endpoints").</summary>
internal static class ProfileJson
{
    private static readonly JsonEncodedText Customer = JsonEncodedText.Encode("customer");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Age = JsonEncodedText.Encode("age");
    private static readonly JsonEncodedText Gender = JsonEncodedText.Encode("gender");
    private static readonly JsonEncodedText Location = JsonEncodedText.Encode("location");
    private static readonly JsonEncodedText SignupDate = JsonEncodedText.Encode("signup_date");
    private static readonly JsonEncodedText LifetimeValue = JsonEncodedText.Encode("lifetime_value");
    private static readonly JsonEncodedText Segments = JsonEncodedText.Encode("segments");
    private static readonly JsonEncodedText SegmentId = JsonEncodedText.Encode("segment_id");
    private static readonly JsonEncodedText SegmentName = JsonEncodedText.Encode("segment_name");
    private static readonly JsonEncodedText Since = JsonEncodedText.Encode("since");
    private static readonly JsonEncodedText TopContent = JsonEncodedText.Encode("top_content");
    private static readonly JsonEncodedText LiveSession = JsonEncodedText.Encode("live_session");
    private static readonly JsonEncodedText SessionStart = JsonEncodedText.Encode("session_start");
    private static readonly JsonEncodedText LastPage = JsonEncodedText.Encode("last_page");
    private static readonly JsonEncodedText LastEvent = JsonEncodedText.Encode("last_event");
    private static readonly JsonEncodedText RecentEvents = JsonEncodedText.Encode("recent_events");
    private static readonly JsonEncodedText EventId = JsonEncodedText.Encode("event_id");
    private static readonly JsonEncodedText Timestamp = JsonEncodedText.Encode("timestamp");
    private static readonly JsonEncodedText Page = JsonEncodedText.Encode("page");
    private static readonly JsonEncodedText Properties = JsonEncodedText.Encode("properties");

    public static void Write(Utf8JsonWriter w, UserProfile profile)
    {
        w.WriteStartObject();
        w.WriteString(FieldNames.UserId, profile.UserId);
        if (profile.Customer is { } customer)
        {
            w.WriteStartObject(Customer);
            WriteCustomer(w, customer);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(Customer);
        }
        w.WriteStartArray(Segments);
        foreach (var segment in profile.Segments)
        {
            w.WriteStartObject();
            w.WriteString(SegmentId, segment.SegmentId);
            w.WriteString(SegmentName, segment.SegmentName);
            JsonValues.WriteDateTime(w, Since, segment.SinceMs);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(TopContent);
        foreach (var affinity in profile.TopContent)
        {
            AffinityJson.Write(w, affinity);
        }
        w.WriteEndArray();
        if (profile.LiveSession is { } live)
        {
            w.WriteStartObject(LiveSession);
            w.WriteString(FieldNames.SessionId, live.SessionId);
            JsonValues.WriteDateTime(w, SessionStart, live.StartMs);
            w.WriteNumber(FieldNames.Events, live.Events);
            w.WriteString(LastPage, live.LastPage);
            JsonValues.WriteDateTime(w, LastEvent, live.LastEventMs);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull(LiveSession);
        }
        w.WriteStartArray(RecentEvents);
        foreach (var e in profile.RecentEvents)
        {
            WriteEvent(w, e);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCustomer(Utf8JsonWriter w, CustomerRow c)
    {
        w.WriteString(Name, c.Name);
        w.WriteString(Email, c.Email);
        w.WriteNumber(Age, c.Age);
        w.WriteString(Gender, c.Gender);
        w.WriteString(Location, c.Location);
        JsonValues.WriteDateTime(w, SignupDate, c.SignupDateMs);
        JsonValues.WriteDouble(w, LifetimeValue, c.LifetimeValue);
    }

    private static void WriteEvent(Utf8JsonWriter w, EventRow e)
    {
        w.WriteStartObject();
        w.WriteString(EventId, e.EventId);
        w.WriteString(FieldNames.EventType, e.EventType);
        JsonValues.WriteDateTime(w, Timestamp, e.TimestampMs);
        w.WriteString(FieldNames.SessionId, e.SessionId);
        w.WriteString(Page, e.Page);
        w.WriteString(FieldNames.ContentId, e.ContentId);
        w.WriteString(Properties, e.Properties);
        w.WriteEndObject();
    }
}
