using System.Text.Json;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Api.Responses;

/// <summary>One (user, content) affinity as the grain endpoints show it: a profile's top content,
/// a content item's top users.</summary>
internal static class AffinityJson
{
    private static readonly JsonEncodedText Views = JsonEncodedText.Encode("views");
    private static readonly JsonEncodedText Clicks = JsonEncodedText.Encode("clicks");
    private static readonly JsonEncodedText Likes = JsonEncodedText.Encode("likes");
    private static readonly JsonEncodedText Shares = JsonEncodedText.Encode("shares");
    private static readonly JsonEncodedText TotalDuration = JsonEncodedText.Encode("total_duration");
    private static readonly JsonEncodedText LastInteraction = JsonEncodedText.Encode("last_interaction");
    private static readonly JsonEncodedText AffinityScore = JsonEncodedText.Encode("affinity_score");

    public static void Write(Utf8JsonWriter w, AffinityRow a)
    {
        w.WriteStartObject();
        w.WriteString(FieldNames.UserId, a.UserId);
        w.WriteString(FieldNames.ContentId, a.ContentId);
        w.WriteNumber(Views, a.Views);
        w.WriteNumber(Clicks, a.Clicks);
        w.WriteNumber(Likes, a.Likes);
        w.WriteNumber(Shares, a.Shares);
        JsonValues.WriteDouble(w, TotalDuration, a.TotalDuration);
        JsonValues.WriteDateTime(w, LastInteraction, a.LastInteractionMs);
        JsonValues.WriteDouble(w, AffinityScore, a.AffinityScore);
        w.WriteEndObject();
    }
}
