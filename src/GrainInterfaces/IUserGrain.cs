namespace UserAnalytics.GrainInterfaces;

/// <summary>One user (key: user_id): timeline, sessions, profile and memberships, rebuilt from the
/// user's shard. Answers the per-user pipes in one call.</summary>
[Alias("ua.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey, IEventQueries
{
}
