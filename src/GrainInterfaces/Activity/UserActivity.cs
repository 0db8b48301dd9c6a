using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>New events of one user, pushed to the user's grain while it watches its shard.</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Sequence">The shard's batch number.</param>
/// <param name="Version">The user's version once these events are stored (see <see cref="Queries.UserSnapshot.Version"/>).</param>
/// <param name="Events">The events, session ids as sent.</param>
[GenerateSerializer, Immutable, Alias("ua.UserActivity")]
public sealed record UserActivity(int Shard, long Sequence, long Version, EventRow[] Events);
