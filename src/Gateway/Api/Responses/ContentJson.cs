using System.Text.Json;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Activity;

namespace UserAnalytics.Gateway.Api.Responses;

/// <summary>The body of <c>GET /v0/content/{id}</c> and <c>GET /v0/recommendations/{id}</c>: id,
/// kind, totals (events per event type), hourly and top_users.</summary>
internal static class ContentJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Totals = JsonEncodedText.Encode("totals");
    private static readonly JsonEncodedText Hourly = JsonEncodedText.Encode("hourly");
    private static readonly JsonEncodedText Hour = JsonEncodedText.Encode("hour");
    private static readonly JsonEncodedText TopUsers = JsonEncodedText.Encode("top_users");

    public static void Write(Utf8JsonWriter w, (string Id, string Kind, ContentSummary Summary) content)
    {
        var (id, kind, summary) = content;
        w.WriteStartObject();
        w.WriteString(Id, id);
        w.WriteString(Kind, kind);
        w.WriteStartObject(Totals);
        foreach (var total in summary.Totals)
        {
            w.WriteNumber(total.EventType, total.Events);
        }
        w.WriteEndObject();
        w.WriteStartArray(Hourly);
        foreach (var hour in summary.Hourly)
        {
            w.WriteStartObject();
            JsonValues.WriteDateTime(w, Hour, hour.HourMs);
            w.WriteString(FieldNames.EventType, hour.EventType);
            w.WriteNumber(FieldNames.Events, hour.Events);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray(TopUsers);
        foreach (var user in summary.TopUsers)
        {
            AffinityJson.Write(w, user);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
