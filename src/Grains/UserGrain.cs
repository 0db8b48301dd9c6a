using Microsoft.Extensions.Options;
using Orleans.Streams;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains;

/// <summary>
/// One user's timeline, sessions, profile and memberships, held as a one-user store so the per-user
/// pipes run the very scans the shards run. While active it watches its shard, which pushes the
/// user's new events on the activity stream. The shard stays the source of truth: before
/// answering, the grain compares versions with it, so an acknowledged event is always visible here.
/// </summary>
// An activation costs about 40 KB (its one-user store's string pools and code columns, and the
// last profile built); the shard holds the user anyway, so an idle grain goes after five minutes
// rather than Orleans' 15: a lookup that reactivates it fetches one snapshot from the shard.
[CollectionAgeLimit(Minutes = 5)]
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class UserGrain : Grain, IUserGrain
{
    private const int RecentEvents = 20;
    private const int TopContent = 10;
    private readonly int _shards;
    private readonly TimeProvider _time;
    private readonly LocalShards _local;
    private EventStore _store = new();
    private long _version = -1;
    private KeptProfile? _profile;
    private IEventShardGrain? _shard;
    private int? _shardNumber;

    public UserGrain(IOptions<ShardingOptions> sharding, TimeProvider time, LocalShards local)
    {
        _shards = sharding.Value.Shards;
        _time = time;
        _local = local;
    }

    private string UserId => this.GetPrimaryKeyString();

    // Kept: GetGrain resolves the interface's grain type by reflection on every call, and the
    // shard is asked before every answer.
    private IEventShardGrain ShardGrain => _shard ??= GrainFactory.GetGrain<IEventShardGrain>(ShardNumber);

    private int ShardNumber => _shardNumber ??= GrainKeys.ShardOf(UserId, _shards);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<UserActivity>(StreamId.Create(StreamNames.User, UserId));
        await stream.SubscribeAsync((activity, _) => Apply(activity));
        await ShardGrain.Watch(ActivityTopic.User, UserId);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        ActivityWatches.ShouldUnwatch(reason) ? ShardGrain.Unwatch(ActivityTopic.User, UserId) : Task.CompletedTask;

    public async Task<GroupPartial> Group(GroupQuery query, CancellationToken cancellationToken = default) =>
        GroupScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<EventRow>> Events(EventsQuery query, CancellationToken cancellationToken = default) =>
        EventsScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<SessionRow>> Sessions(SessionsQuery query, CancellationToken cancellationToken = default) =>
        SessionScan.Run(await Current(), query, cancellationToken);

    public async Task<GroupPartial> SessionBuckets(SessionBucketsQuery query, CancellationToken cancellationToken = default) =>
        SessionBucketsScan.Run(await Current(), query, cancellationToken);

    public async Task<ActivityBucketsPartial> ActivityBuckets(ActivityBucketsQuery query, CancellationToken cancellationToken = default) =>
        ActivityBucketsScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<AffinityRow>> Affinity(TopQuery query, CancellationToken cancellationToken = default) =>
        AffinityScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<UserRecommendationRow>> UserRecommendations(TopQuery query, CancellationToken cancellationToken = default) =>
        UserRecommendationsScan.Run(await Current(), query, cancellationToken);

    public async Task<RowsPartial<CustomerResultRow>> Customers(CustomersQuery query, CancellationToken cancellationToken = default) =>
        CustomersScan.Run(await Current(), query, cancellationToken);

    public async Task<UserProfile> GetProfile()
    {
        var store = await Current();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        if (_profile is { } kept && kept.Answers(_version, now))
        {
            return kept.Profile;
        }
        var (profile, stableUntil) = ProfileBuilder.Build(store, UserId, now, RecentEvents, TopContent);
        _profile = new KeptProfile(profile, _version, now, stableUntil);
        return profile;
    }

    /// <summary>New events pushed by the shard. When the grain held the version just before them, it
    /// is current afterwards; otherwise the next question fetches the user afresh.</summary>
    public Task Apply(UserActivity activity)
    {
        var before = _version;
        var result = _store.Apply(ShardBatch.Of(activity.Events));
        _store.Compact();
        _version = before >= 0 && before + result.Stored == activity.Version ? activity.Version : -1;
        return Task.CompletedTask;
    }

    private async Task<EventStore> Current()
    {
        if (_version >= 0 && _local.VersionOf(ShardNumber, UserId) == _version)
        {
            return _store;
        }
        var snapshot = await ShardGrain.GetUserSnapshot(UserId, _version);
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

    /// <summary>The last profile built, for as long as it reads the same: the user's version has
    /// not moved and the clock is within the span where the live session does not change.
    /// Personalisation asks about the same active users again and again: kept, a silo answers
    /// about half as many lookups again, for about 6 KB a grain (decision 70).</summary>
    private sealed record KeptProfile(UserProfile Profile, long Version, long BuiltAtMs, long StableUntilMs)
    {
        public bool Answers(long version, long nowMs) => version == Version && nowMs >= BuiltAtMs && nowMs < StableUntilMs;
    }
}
