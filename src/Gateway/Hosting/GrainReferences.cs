using Microsoft.Extensions.Options;
using UserAnalytics.GrainInterfaces;

namespace UserAnalytics.Gateway.Hosting;

/// <summary>
/// References to the grains the gateway asks on every request. Orleans' <c>GetGrain&lt;T&gt;(key)</c>
/// resolves the interface's grain type by reflection on each call (5–7 % of a per-user pipe's CPU
/// in the silo), so the shards' references are made once, and a user's from the grain type and
/// interface type resolved once.
/// </summary>
internal sealed class GrainReferences
{
    private readonly IGrainFactory _factory;
    private readonly IEventShardGrain[] _shards;
    private readonly GrainType _userType;
    private readonly GrainInterfaceType _userInterface;
    private readonly GrainType _contentType;
    private readonly GrainInterfaceType _contentInterface;

    public GrainReferences(IGrainFactory factory, IOptions<ShardingOptions> sharding)
    {
        _factory = factory;
        _shards = [.. Enumerable.Range(0, sharding.Value.Shards).Select(s => factory.GetGrain<IEventShardGrain>(s))];
        var user = (GrainReference)factory.GetGrain<IUserGrain>("probe");
        (_userType, _userInterface) = (user.GrainId.Type, user.InterfaceType);
        var content = (GrainReference)factory.GetGrain<IContentGrain>("probe");
        (_contentType, _contentInterface) = (content.GrainId.Type, content.InterfaceType);
    }

    public IGrainFactory Factory => _factory;

    /// <summary>Every shard, in shard order.</summary>
    public IReadOnlyList<IEventShardGrain> Shards => _shards;

    public IUserGrain User(string userId) => (IUserGrain)_factory.GetGrain(GrainId.Create(_userType, userId), _userInterface);

    /// <summary>A content or recommendation grain, by its key (<c>ContentKeys</c>).</summary>
    public IContentGrain Content(string key) => (IContentGrain)_factory.GetGrain(GrainId.Create(_contentType, key), _contentInterface);
}
