using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.GrainInterfaces;

/// <summary>One user (key: user_id): timeline, sessions, profile and memberships, rebuilt from the
/// user's shard. Answers the per-user pipes in one call.</summary>
[Alias("ua.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey, IEventQueries
{
    /// <summary>The personalisation profile: customer, segments, top content, live session and
    /// last events, from the grain's own copy (no scan of the shard).</summary>
    /// <returns>The profile.</returns>
    [Alias("GetProfile")]
    Task<UserProfile> GetProfile();

    /// <summary>Takes new events of the user directly (ingest with <c>wait=true</c>).</summary>
    /// <param name="activity">The events.</param>
    /// <returns>A task that completes once they are applied.</returns>
    [Alias("Apply")]
    Task Apply(UserActivity activity);
}
