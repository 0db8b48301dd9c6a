using UserAnalytics.Gateway.Hosting;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>What a pipe needs to answer one call.</summary>
internal sealed record PipeContext(
    PipeParameters Parameters,
    GrainReferences References,
    TimeProvider Time,
    CancellationToken CancellationToken)
{
    public IGrainFactory Grains => References.Factory;

    public int Shards => References.Shards.Count;

    /// <summary>The grains to ask: the user's own grain when the question is about one user,
    /// otherwise every shard. An id no grain can have (<see cref="GrainKeys.IsUsableKey"/>) may
    /// still be in data stored before such ids were quarantined, so every shard is asked for it.</summary>
    public IEventQueries[] Targets(string? userId) =>
        GrainKeys.IsUsableKey(userId) ? [References.User(userId!)] : [.. References.Shards];

    public IEventShardGrain[] AllShards() => [.. References.Shards];

    public IEventShardGrain Shard(int shard) => References.Shards[shard];
}
