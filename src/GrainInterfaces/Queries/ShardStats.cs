namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>What a shard holds, for operators and the benchmark's memory figures.</summary>
/// <param name="Shard">The shard number.</param>
/// <param name="Events">Events stored.</param>
/// <param name="Users">Users (with events, profiles or memberships).</param>
/// <param name="TailEvents">Events not yet folded into the sealed block.</param>
/// <param name="SealedBytes">Bytes of the sealed event columns.</param>
/// <param name="TailBytes">Bytes reserved by the tail.</param>
/// <param name="DistinctValues">Distinct values over all dictionary-encoded columns.</param>
/// <param name="MinTimestampMs">The earliest event time stored, or null without events.</param>
/// <param name="MaxTimestampMs">The latest event time stored, or null without events.</param>
/// <param name="Sequence">The number of batches stored so far.</param>
/// <param name="Silo">The silo the shard is active on (address:port), for operators.</param>
/// <param name="FromCheckpoint">Log records this activation loaded from its checkpoint instead of
/// replaying them (0 without a checkpoint).</param>
[GenerateSerializer, Immutable, Alias("ua.ShardStats")]
public sealed record ShardStats(int Shard, long Events, long Users, long TailEvents, long SealedBytes, long TailBytes, long DistinctValues, long? MinTimestampMs, long? MaxTimestampMs, long Sequence, string Silo, long FromCheckpoint);
