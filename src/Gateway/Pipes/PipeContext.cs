using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Pipes;

/// <summary>What a pipe needs to answer one call.</summary>
internal sealed record PipeContext(
    PipeParameters Parameters,
    IGrainFactory Grains,
    int Shards,
    TimeProvider Time,
    CancellationToken CancellationToken)
{
    /// <summary>The grains to ask: the user's own grain when the question is about one user,
    /// otherwise every shard.</summary>
    public IEventQueries[] Targets(string? userId) =>
        userId is not null
            ? [Grains.GetGrain<IUserGrain>(userId)]
            : Enumerable.Range(0, Shards).Select(s => (IEventQueries)Grains.GetGrain<IEventShardGrain>(s)).ToArray();

    public IEventShardGrain[] AllShards() =>
        Enumerable.Range(0, Shards).Select(s => Grains.GetGrain<IEventShardGrain>(s)).ToArray();
}
