using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.ClientSample;

/// <summary>
/// The calls a personalisation service makes, written against nothing but the grain interfaces and
/// an <see cref="IGrainFactory"/>, so they run the same against a production cluster and a test cluster.
/// </summary>
public sealed class PersonalisationCalls
{
    private readonly IGrainFactory _grains;

    public PersonalisationCalls(IGrainFactory grains)
    {
        _grains = grains;
    }

    /// <summary>Everything about a user for a page render, in one grain call.</summary>
    public Task<UserProfile> ProfileAsync(string userId) => _grains.GetGrain<IUserGrain>(userId).GetProfile();

    /// <summary>The user's latest events, newest first.</summary>
    public async Task<IReadOnlyList<GrainInterfaces.Rows.EventRow>> LatestEventsAsync(string userId, int count)
    {
        var partial = await _grains.GetGrain<IUserGrain>(userId).Events(new EventsQuery(EventFilter.All, count, NewestFirst: true));
        return [.. partial.Rows.OrderByDescending(e => e.TimestampMs).Take(count)];
    }

    /// <summary>Defines (or redefines) a dynamic segment: re-evaluated on the cluster's schedule.</summary>
    public Task<SegmentEvaluation> DefineSegmentAsync(string segmentId, string name, string eventType, int minEvents, int days) =>
        _grains.GetGrain<ISegmentGrain>(segmentId).Define(new SegmentRule(segmentId, name, eventType, minEvents, null, days, null));

    /// <summary>Re-evaluates a dynamic segment now; null when it has no dynamic rule.</summary>
    public Task<SegmentEvaluation?> EvaluateSegmentAsync(string segmentId) => _grains.GetGrain<ISegmentGrain>(segmentId).Evaluate();

    /// <summary>Today's activity of a segment's members so far.</summary>
    public Task<SegmentLive> SegmentTodayAsync(string segmentId) => _grains.GetGrain<ISegmentGrain>(segmentId).GetLive();

    /// <summary>Prints what the calls return, as the sample's command line shows it.</summary>
    public async Task PrintAsync(string userId, string? segmentId, TextWriter output)
    {
        var profile = await ProfileAsync(userId);
        await output.WriteLineAsync($"user {profile.UserId}: customer {profile.Customer?.Name ?? "(none)"}, " +
            $"{profile.Segments.Length} segments, {profile.RecentEvents.Length} recent events");
        foreach (var segment in profile.Segments)
        {
            await output.WriteLineAsync($"  member of {segment.SegmentId} ({segment.SegmentName})");
        }
        foreach (var content in profile.TopContent)
        {
            await output.WriteLineAsync($"  likes {content.ContentId}: affinity {content.AffinityScore}");
        }
        if (profile.LiveSession is { } live)
        {
            await output.WriteLineAsync($"  in session {live.SessionId}: {live.Events} events, on {live.LastPage}");
        }
        if (segmentId is not null)
        {
            var today = await SegmentTodayAsync(segmentId);
            await output.WriteLineAsync($"segment {segmentId} today: {today.ActiveUsers} active members, {today.Events} events, {today.Purchasers} purchasers");
        }
    }
}
