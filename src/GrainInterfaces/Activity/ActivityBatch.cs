namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>What one stored batch of a shard brought to one content item, recommendation or
/// segment. (Shard, Sequence) identifies the batch, so a consumer never counts it twice.</summary>
/// <param name="Shard">The shard that stored the events.</param>
/// <param name="Sequence">The shard's batch number (increases with every stored batch, across restarts).</param>
/// <param name="Touches">The events.</param>
[GenerateSerializer, Immutable, Alias("ua.ActivityBatch")]
public sealed record ActivityBatch(int Shard, long Sequence, Touch[] Touches);
