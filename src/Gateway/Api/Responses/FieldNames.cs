using System.Text.Json;

namespace UserAnalytics.Gateway.Api.Responses;

/// <summary>The property names several grain-endpoint bodies share, encoded once.</summary>
internal static class FieldNames
{
    public static readonly JsonEncodedText UserId = JsonEncodedText.Encode("user_id");
    public static readonly JsonEncodedText ContentId = JsonEncodedText.Encode("content_id");
    public static readonly JsonEncodedText EventType = JsonEncodedText.Encode("event_type");
    public static readonly JsonEncodedText Events = JsonEncodedText.Encode("events");
    public static readonly JsonEncodedText SessionId = JsonEncodedText.Encode("session_id");
}
