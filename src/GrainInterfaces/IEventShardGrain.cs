using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces;

/// <summary>One partition of every data source, keyed by shard number (<see cref="GrainKeys.ShardOf"/>).
/// It owns a durable log, keeps its users' rows in memory in a columnar layout and answers partial
/// aggregates.</summary>
[Alias("ua.IEventShardGrain")]
public interface IEventShardGrain : IGrainWithIntegerKey, IEventQueries
{
    /// <summary>Stores a batch durably, then makes it visible. Returns only once the batch is on disk.</summary>
    /// <param name="batch">Rows whose partition key maps to this shard.</param>
    /// <returns>How many rows were stored and how many events were duplicates.</returns>
    [Alias("Append")]
    Task<AppendResult> Append(ShardBatch batch);

    /// <summary>The rows of one user, unless the caller already holds <paramref name="knownVersion"/>.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="knownVersion">The version the caller holds, or -1.</param>
    /// <returns>The snapshot, or null when the caller's version is current.</returns>
    [Alias("GetUserSnapshot")]
    Task<UserSnapshot?> GetUserSnapshot(string userId, long knownVersion);
}
