using Microsoft.Extensions.Options;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains;

/// <summary>
/// One user's timeline, sessions, profile and memberships, held as a one-user store so the per-user
/// pipes run the very scans the shards run. The shard stays the source of truth: before answering,
/// the grain asks it whether the user changed, so an acknowledged event is always visible here.
/// </summary>
public sealed class UserGrain : Grain, IUserGrain
{
    private readonly int _shards;
    private EventStore _store = new();
    private long _version = -1;

    public UserGrain(IOptions<ShardingOptions> sharding)
    {
        _shards = sharding.Value.Shards;
    }

    public async Task<GroupPartial> Group(GroupQuery query, CancellationToken cancellationToken = default) =>
        GroupScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<EventRow>> Events(EventsQuery query, CancellationToken cancellationToken = default) =>
        EventsScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<SessionRow>> Sessions(SessionsQuery query, CancellationToken cancellationToken = default) =>
        SessionScan.Run(await Current(), query, cancellationToken);

    public async Task<GroupPartial> SessionBuckets(SessionBucketsQuery query, CancellationToken cancellationToken = default) =>
        SessionBucketsScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<AffinityRow>> Affinity(TopQuery query, CancellationToken cancellationToken = default) =>
        AffinityScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<UserRecommendationRow>> UserRecommendations(TopQuery query, CancellationToken cancellationToken = default) =>
        UserRecommendationsScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<CustomerResultRow>> Customers(CustomersQuery query, CancellationToken cancellationToken = default) =>
        CustomersScan.Run(await Current(), query, cancellationToken);

    private async Task<EventStore> Current()
    {
        var userId = this.GetPrimaryKeyString();
        var shard = GrainFactory.GetGrain<IEventShardGrain>(GrainKeys.ShardOf(userId, _shards));
        var snapshot = await shard.GetUserSnapshot(userId, _version);
        if (snapshot is not null)
        {
            var store = new EventStore();
            store.Apply(ShardBatch.Of(snapshot.Events, snapshot.Customers, snapshot.Segments));
            store.Compact();
            _store = store;
            _version = snapshot.Version;
        }
        return _store;
    }
}
