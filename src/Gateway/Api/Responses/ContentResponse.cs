using UserAnalytics.Gateway.Ingest;
using UserAnalytics.GrainInterfaces.Activity;

namespace UserAnalytics.Gateway.Api.Responses;

/// <summary>The body of <c>GET /v0/content/{id}</c> and <c>GET /v0/recommendations/{id}</c>.</summary>
internal sealed record ContentResponse(string Id, string Kind, Dictionary<string, long> Totals, HourlyResponse[] Hourly, ContentAffinityResponse[] TopUsers)
{
    public static ContentResponse From(string id, string kind, ContentSummary s) => new(
        id,
        kind,
        s.Totals.ToDictionary(t => t.EventType, t => t.Events, StringComparer.Ordinal),
        [.. s.Hourly.Select(h => new HourlyResponse(Timestamps.FormatDateTime(h.HourMs), h.EventType, h.Events))],
        [.. s.TopUsers.Select(ContentAffinityResponse.From)]);
}

internal sealed record HourlyResponse(string Hour, string EventType, long Events);
