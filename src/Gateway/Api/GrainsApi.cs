using UserAnalytics.Gateway.Api.Responses;
using UserAnalytics.Gateway.Auth;
using UserAnalytics.Gateway.Hosting;
using UserAnalytics.Gateway.Ingest;
using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Api;

/// <summary>Endpoints answered by one grain each: the personalisation profile, content engagement,
/// and segment operations (live activity, evaluation, rollups).</summary>
internal static class GrainsApi
{
    private static readonly Scope ProfileScope = Scope.ReadPipe("user_profile");
    private static readonly Scope ContentScope = Scope.ReadPipe("content");

    public static IEndpointRouteBuilder MapGrainsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v0/users/{userId}/profile", ProfileAsync);
        app.MapGet("/v0/content/{contentId}", (string contentId, HttpContext http, TokenAuthorizer auth, GrainReferences grains) =>
            ContentAsync(ContentKeys.Content(contentId), contentId, "content", http, auth, grains));
        app.MapGet("/v0/recommendations/{recommendationId}", (string recommendationId, HttpContext http, TokenAuthorizer auth, GrainReferences grains) =>
            ContentAsync(ContentKeys.Recommendation(recommendationId), recommendationId, "recommendation", http, auth, grains));
        app.MapGet("/v0/segments/{segmentId}/live", SegmentLiveAsync);
        app.MapPost("/v0/segments/{segmentId}/evaluate", EvaluateAsync);
        app.MapPost("/v0/segments/rollups", RollUpAsync);
        app.MapPost("/v0/segments/{segmentId}/rollups", RollUpSegmentAsync);
        return app;
    }

    public static async Task<IResult> ProfileAsync(string userId, HttpContext http, TokenAuthorizer auth, GrainReferences grains)
    {
        if (auth.Check(http, ProfileScope) is { } denied)
        {
            return denied;
        }
        if (UnusableId("userId", userId) is { } blank)
        {
            return blank;
        }
        return new JsonAnswer<UserProfile>(await grains.User(userId).GetProfile(), ProfileJson.Write);
    }

    private static async Task<IResult> ContentAsync(string key, string id, string kind, HttpContext http, TokenAuthorizer auth, GrainReferences grains)
    {
        if (auth.Check(http, ContentScope) is { } denied)
        {
            return denied;
        }
        return new JsonAnswer<(string, string, ContentSummary)>((id, kind, await grains.Content(key).GetSummary()), ContentJson.Write);
    }

    public static async Task<IResult> SegmentLiveAsync(string segmentId, HttpContext http, TokenAuthorizer auth, IGrainFactory grains)
    {
        if (auth.Check(http, Scope.ReadPipe("segments")) is { } denied)
        {
            return denied;
        }
        if (UnusableId("segmentId", segmentId) is { } blank)
        {
            return blank;
        }
        var live = await grains.GetGrain<ISegmentGrain>(segmentId).GetLive();
        return Results.Json(new { segment_id = live.SegmentId, day = Timestamps.FormatDate(live.DayMs), events = live.Events, active_users = live.ActiveUsers, purchasers = live.Purchasers });
    }

    public static async Task<IResult> EvaluateAsync(string segmentId, HttpContext http, TokenAuthorizer auth, IGrainFactory grains)
    {
        if (auth.Check(http, new Scope(Scope.Admin, "*")) is { } denied)
        {
            return denied;
        }
        if (UnusableId("segmentId", segmentId) is { } blank)
        {
            return blank;
        }
        var result = await grains.GetGrain<ISegmentGrain>(segmentId).Evaluate();
        return result is null
            ? Errors.NotFound($"segment '{segmentId}' has no dynamic rule to evaluate (snapshots and ingested segments do not change by themselves)")
            : Results.Json(new { segment_id = result.SegmentId, segment_name = result.SegmentName, user_count = result.UserCount, evaluated_at = Timestamps.FormatDateTime(result.EvaluatedAtMs) });
    }

    public static async Task<IResult> RollUpAsync(HttpContext http, TokenAuthorizer auth, IGrainFactory grains)
    {
        if (auth.Check(http, new Scope(Scope.Admin, "*")) is { } denied)
        {
            return denied;
        }
        return Results.Json(new { segment_days_written = await grains.GetGrain<ISegmentCatalogGrain>(0).RollUpAll() });
    }

    /// <summary>Rolls one segment up; <c>from</c> (a date) recomputes from that day, after late events.</summary>
    public static async Task<IResult> RollUpSegmentAsync(string segmentId, HttpContext http, TokenAuthorizer auth, IGrainFactory grains)
    {
        if (auth.Check(http, new Scope(Scope.Admin, "*")) is { } denied)
        {
            return denied;
        }
        if (UnusableId("segmentId", segmentId) is { } blank)
        {
            return blank;
        }
        long? from = null;
        if (http.Request.Query["from"].ToString() is { Length: > 0 } text)
        {
            if (!Timestamps.TryParse(text, out var ms))
            {
                return Errors.BadRequest($"from: '{text}' is not a date (YYYY-MM-DD)");
            }
            from = ms;
        }
        return Results.Json(new { segment_id = segmentId, days_written = await grains.GetGrain<ISegmentGrain>(segmentId).RollUp(from) });
    }

    /// <summary>A 400 for an id no grain can have (<see cref="GrainKeys.IsUsableKey"/>): ingest
    /// quarantines rows that carry one.</summary>
    private static IResult? UnusableId(string name, string value) =>
        GrainKeys.IsUsableKey(value) ? null : Errors.BadRequest($"{name}: '{value.Replace('\0', '?')}' is only white space or holds a NUL character");
}
