using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Storage;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains;

/// <summary>
/// Owns one partition: its durable log and the in-memory columnar copy rebuilt from it on
/// activation. Reentrant so that appends waiting for the disk share one group-committed fsync;
/// every scan runs without awaiting, so it always sees a consistent store.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class EventShardGrain : Grain, IEventShardGrain
{
    private readonly IEventLog _log;
    private readonly ILogger<EventShardGrain> _logger;
    private readonly EventStore _store = new();
    private readonly Queue<PendingBatch> _pending = new();
    private ILogStream? _stream;
    private long _lastStoreTimestamp;

    public EventShardGrain(IEventLog log, ILogger<EventShardGrain> logger)
    {
        _log = log;
        _logger = logger;
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _stream = await _log.OpenAsync(StreamName((int)this.GetPrimaryKeyLong()), cancellationToken);
        var records = await _stream.ReplayAsync(record => _store.Apply(record.Span), cancellationToken);
        _store.Compact();
        // Rows arriving in a burst wait in the tail; fold them in once the burst is over so scans read the sealed block.
        this.RegisterGrainTimer(CompactWhenIdle, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        _logger.LogInformation(
            "Shard {Shard} replayed {Records} records ({Events} events, {Users} users) in {Elapsed:F0} ms",
            this.GetPrimaryKeyLong(), records, _store.EventCount, _store.Users.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
    }

    public Task<AppendResult> Append(ShardBatch batch) => StoreAsync(batch);

    public async Task<long> EvaluateSegment(SegmentRule rule, long evaluatedAtMs)
    {
        var (rows, members) = SegmentEvaluator.Evaluate(_store, rule, evaluatedAtMs);
        if (rows.Length > 0)
        {
            await StoreAsync(ShardBatch.Of(segments: rows));
        }
        return members;
    }

    public Task<UserSnapshot?> GetUserSnapshot(string userId, long knownVersion)
    {
        var user = _store.FindUser(userId);
        if (user is null)
        {
            return Task.FromResult(knownVersion == 0 ? null : new UserSnapshot(0, [], [], []));
        }
        return Task.FromResult(user.Version == knownVersion ? null : _store.Snapshot(user));
    }

    public Task<GroupPartial> Group(GroupQuery query, CancellationToken cancellationToken = default)
    {
        var t = Stopwatch.GetTimestamp();
        var r = GroupScan.Run(_store, query, cancellationToken);
        _logger.LogWarning("TEMP group scan {Ms} ms groups {G}", Stopwatch.GetElapsedTime(t).TotalMilliseconds, r.Count);
        return Task.FromResult(r);
    }

    public Task<RowsPartial<EventRow>> Events(EventsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(EventsScan.Run(_store, query, cancellationToken));

    public Task<RowsPartial<SessionRow>> Sessions(SessionsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(SessionScan.Run(_store, query, cancellationToken));

    public Task<GroupPartial> SessionBuckets(SessionBucketsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(SessionBucketsScan.Run(_store, query, cancellationToken));

    public Task<RowsPartial<AffinityRow>> Affinity(TopQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(AffinityScan.Run(_store, query, cancellationToken));

    public Task<RowsPartial<UserRecommendationRow>> UserRecommendations(TopQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(UserRecommendationsScan.Run(_store, query, cancellationToken));

    public Task<RowsPartial<CustomerResultRow>> Customers(CustomersQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(CustomersScan.Run(_store, query, cancellationToken));

    public Task<GroupPartial> Retention(RetentionQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(RetentionScan.Run(_store, query, cancellationToken));

    public Task<GroupPartial> Funnel(FunnelQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(FunnelScan.Run(_store, query, cancellationToken));

    public Task<SegmentStats[]> SegmentStats(SegmentStatsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(SegmentStatsScan.Run(_store, query, cancellationToken));

    public Task<GroupPartial> CustomerSummary(CustomerSummaryQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(CustomerSummaryScan.Run(_store, query, cancellationToken));

    public Task<ShardStats> GetStats() => Task.FromResult(new ShardStats(
        (int)this.GetPrimaryKeyLong(), _store.EventCount, _store.Users.Count, _store.Tail.Count, _store.Sealed.Bytes, _store.Tail.Bytes,
        Enumerable.Range(0, EventColumns.Count).Sum(c => (long)_store.Pool((EventColumn)c).Count)));

    internal static string StreamName(int shard) => $"shard-{shard:D4}";

    /// <summary>
    /// The one way rows enter the shard: durable in the log first, then visible in memory. Appends
    /// interleave while they wait for the disk (so they share fsyncs), but they are applied strictly
    /// in log order, which is the order replay will apply them in: duplicate decisions made now are
    /// the decisions replay makes.
    /// </summary>
    private async Task<AppendResult> StoreAsync(ShardBatch batch)
    {
        var pending = new PendingBatch(batch, _stream!.AppendAsync(batch.Payload, CancellationToken.None));
        _pending.Enqueue(pending);
        try
        {
            await pending.Durable;
        }
        finally
        {
            ApplyDurable();
        }
        _lastStoreTimestamp = Stopwatch.GetTimestamp();
        return pending.Result!;
    }

    /// <summary>Applies, in order, every queued batch whose write has finished; a batch whose write
    /// failed is not in the log and is dropped (its appender saw the failure).</summary>
    private void ApplyDurable()
    {
        while (_pending.TryPeek(out var next) && next.Durable.IsCompleted)
        {
            _pending.Dequeue();
            if (next.Durable.IsCompletedSuccessfully)
            {
                next.Result = _store.Apply(next.Batch);
            }
        }
    }

    private Task CompactWhenIdle(CancellationToken cancellationToken)
    {
        if (_store.Tail.Count > 0 && Stopwatch.GetElapsedTime(_lastStoreTimestamp) > TimeSpan.FromMilliseconds(500))
        {
            _store.Compact();
        }
        return Task.CompletedTask;
    }

    private sealed class PendingBatch
    {
        public PendingBatch(ShardBatch batch, Task durable)
        {
            Batch = batch;
            Durable = durable;
        }

        public ShardBatch Batch { get; }

        public Task Durable { get; }

        public AppendResult? Result { get; set; }
    }
}
