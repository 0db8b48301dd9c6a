using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Storage;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains;

/// <summary>
/// Owns one partition: its durable log and the in-memory columnar copy rebuilt from it on
/// activation. Reentrant so that appends waiting for the disk share one group-committed fsync;
/// every scan runs without awaiting, so it always sees a consistent store. What stored batches
/// bring to watching user, content and segment grains goes out on the activity streams.
/// </summary>
[Reentrant]
[CollectionAgeLimit(AlwaysActive = true)]
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class EventShardGrain : Grain, IEventShardGrain
{
    private readonly IEventLog _log;
    private readonly ILogger<EventShardGrain> _logger;
    private readonly ActivityOptions _activity;
    private readonly CheckpointOptions _checkpoints;
    private readonly IdStorage _ids;
    private readonly LocalShards _local;
    private readonly ReplayGate _replays;
    private LocalShard? _shown;
    private EventStore _store;
    private readonly ActivityHub _hub = new();
    private readonly Queue<PendingBatch> _pending = new();
    private ILogStream? _stream;
    private long _sequence;
    private uint _lastRecordCrc;
    private byte[]? _lastRecord;
    private LogPosition _checkpointed;
    private long _loadedFromCheckpoint;
    private long _checkpointedTimestamp;
    private long _lastStoreTimestamp;

    public EventShardGrain(
        IEventLog log, IOptions<ActivityOptions> activity, IOptions<CheckpointOptions> checkpoints, IOptions<ColdColumnOptions> cold, LocalShards local, ReplayGate replays, ILogger<EventShardGrain> logger)
    {
        _local = local;
        _replays = replays;
        _ids = cold.Value.InMemory ? IdStorage.InMemory
            : IdStorage.InFiles(cold.Value.Directory ?? Path.Combine(Path.GetTempPath(), "useranalytics-cold"));
        _store = new EventStore(_ids);
        _log = log;
        _activity = activity.Value;
        _checkpoints = checkpoints.Value;
        _logger = logger;
    }

    private int Shard => (int)this.GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        _stream = await _log.OpenAsync(StreamName(Shard), cancellationToken);
        var (from, duplicates) = await _replays.RunAsync(() => Load(_stream, cancellationToken), cancellationToken);
        (_checkpointed, _checkpointedTimestamp, _loadedFromCheckpoint) = (from, Stopwatch.GetTimestamp(), from.Records);
        _logger.LogInformation(
            "Shard {Shard} loaded {Checkpointed} records from its checkpoint and replayed {Records} ({Events} events, {Users} users; {Duplicates} repeated events skipped) in {Elapsed:F0} ms",
            Shard, from.Records, _sequence - from.Records, _store.EventCount, _store.Users.Count, duplicates, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        // Rows arriving in a burst wait in the tail; fold them in once the burst is over so scans read
        // the sealed block, and checkpoint then.
        this.RegisterGrainTimer(WhenIdle, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        this.RegisterGrainTimer(FlushActivity, _activity.FlushInterval, _activity.FlushInterval);
        _shown = _local.Open(Shard);
    }

    /// <summary>The checkpoint, then the log after it, then one compaction: CPU-bound and
    /// synchronous, so <see cref="ReplayGate"/> runs it on a thread of its own while the activation
    /// waits (it touches nothing the activation does meanwhile).</summary>
    private (LogPosition From, long Duplicates) Load(ILogStream stream, CancellationToken cancellationToken)
    {
        var (store, from) = ReadCheckpoint();
        long duplicates = 0;
        try
        {
            _store = store;
            LogPosition? ReplayAfter(LogPosition position)
            {
                if (stream.BytesAfterAsync(position, cancellationToken).AsTask().GetAwaiter().GetResult() is { } bytes)
                {
                    _store.ExpectLoad(bytes);
                }
                return stream.Replay(position, record => duplicates += _store.Load(record.Span).Duplicates, cancellationToken);
            }

            var end = ReplayAfter(from);
            if (end is null)
            {
                _logger.LogWarning(
                    "Shard {Shard}: the checkpoint (record {Records}) is not of this log (it was replaced or cut short); replaying the whole log",
                    Shard, from.Records);
                TryDeleteCheckpoint();
                _store.Dispose();
                (_store, from, duplicates) = (new EventStore(_ids), LogPosition.Start, 0);
                end = ReplayAfter(from);
            }
            (_sequence, _lastRecordCrc) = (end!.Value.Records, end.Value.LastRecordCrc);
        }
        catch (InvalidDataException ex)
        {
            // A record that passed its checksum but cannot be decoded was written in a format this
            // version does not read: the shard cannot serve, and says why (an I/O failure to callers).
            throw new IOException($"Shard {Shard} cannot read its log ({ex.Message}); was it written by another version of UserAnalytics?", ex);
        }
        _store.Compact();
        _store.TrimExcess();
        return (from, duplicates);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_shown is not null)
        {
            _local.Close(Shard, _shown);
        }
        // A silo that stops saves what changed, so its next start replays almost nothing. A shard
        // that moves to another silo does not: the checkpoint would stay on this one.
        if (reason.ReasonCode == DeactivationReasonCode.ShuttingDown && _stream is not null && _pending.Count == 0 && _sequence != _checkpointed.Records)
        {
            WriteCheckpoint();
        }
        if (_stream is not null)
        {
            await _stream.DisposeAsync();
        }
        _store.Dispose();
    }

    public async Task<AppendResult> Append(ShardBatch batch, bool waitForConsumers = false)
    {
        var result = await StoreAsync(batch);
        if (waitForConsumers && _hub.HasPending)
        {
            await DeliverDirectly(_hub.Drain(Shard, _sequence));
        }
        return result;
    }

    public async Task<long> EvaluateSegment(SegmentRule rule, long evaluatedAtMs, bool changesOnly = false)
    {
        var (rows, members) = SegmentEvaluator.Evaluate(_store, rule, evaluatedAtMs, changesOnly);
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
        // Shown before the snapshot's version is read: a write acknowledged after this is seen by
        // the user grain in the version, whichever of the two it reads.
        _shown?.Show(user);
        return Task.FromResult(user.Version == knownVersion ? null : _store.Snapshot(user));
    }

    public Task<bool> Watch(ActivityTopic topic, string key) => Task.FromResult(_hub.Watch(topic, key));

    public Task Unwatch(ActivityTopic topic, string key)
    {
        _hub.Unwatch(topic, key);
        if (topic == ActivityTopic.User)
        {
            _shown?.Hide(key);
        }
        return Task.CompletedTask;
    }

    public Task<ContentBaseline> ContentBaseline(string key)
    {
        // Everything up to the baseline's batch number goes out first, so the consumer can skip it.
        PublishPending();
        var (hourly, users) = ContentBaselineScan.Run(_store, key);
        return Task.FromResult(new ContentBaseline(Shard, _sequence, hourly, users));
    }

    public Task<SegmentDayBaseline> SegmentDay(string segmentId, long dayStartMs)
    {
        PublishPending();
        var (events, active, purchasers) = SegmentDayScan.Run(_store, segmentId, dayStartMs);
        return Task.FromResult(new SegmentDayBaseline(Shard, _sequence, events, active, purchasers));
    }

    public Task<MetricRow[]> Metrics(MetricsQuery query) => Task.FromResult(MetricsScan.Run(_store, query));

    public Task<string[]> SegmentIds() => Task.FromResult(_store.SegmentIds.ToArray());

    public Task<GroupPartial> Group(GroupQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(GroupScan.Run(_store, query, cancellationToken));

    public Task<RowsPartial<EventRow>> Events(EventsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(EventsScan.Run(_store, query, cancellationToken));

    public Task<RowsPartial<SessionRow>> Sessions(SessionsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(SessionScan.Run(_store, query, cancellationToken));

    public Task<GroupPartial> SessionBuckets(SessionBucketsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(SessionBucketsScan.Run(_store, query, cancellationToken));

    public Task<ActivityBucketsPartial> ActivityBuckets(ActivityBucketsQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(ActivityBucketsScan.Run(_store, query, cancellationToken));

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
        Shard, _store.EventCount, _store.Users.Count, _store.Tail.Count, _store.Sealed.Bytes, _store.Tail.Bytes,
        Enumerable.Range(0, EventColumns.Count).Sum(c => (long)_store.Pool((EventColumn)c).Count),
        _store.EventCount > 0 ? _store.MinTimestamp : null, _store.EventCount > 0 ? _store.MaxTimestamp : null, _sequence, GrainContext.Address.SiloAddress?.ToString() ?? "", _loadedFromCheckpoint));

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
        catch (IOException)
        {
            // Whether a failed write reached the log may be unknown (a lost commit reply), and the
            // log is the truth: the next activation replays it instead of this one guessing.
            this.DeactivateOnIdle();
            throw;
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
                next.Result = _hub.IsWatched ? _store.Apply(next.Batch, (user, row) => _hub.Collect(_store, user, row)) : _store.Apply(next.Batch);
                _sequence++;
                _lastRecord = next.Batch.Payload;
            }
        }
    }

    private Task WhenIdle(CancellationToken cancellationToken)
    {
        if (Stopwatch.GetElapsedTime(_lastStoreTimestamp) <= TimeSpan.FromMilliseconds(500))
        {
            if (CheckpointOverdue())
            {
                WriteCheckpoint(busy: true);
            }
            return Task.CompletedTask;
        }
        if (_store.Tail.Count > 0)
        {
            _store.Compact();
        }
        if (CheckpointDue())
        {
            WriteCheckpoint();
        }
        return Task.CompletedTask;
    }

    private string? CheckpointPath => _checkpoints.Directory is { } directory ? Path.Combine(directory, StreamName(Shard) + ".ckpt") : null;

    /// <summary>A busy shard's checkpoint: the records applied so far, whatever is still waiting
    /// for the disk (those come after it in the log and are replayed).</summary>
    private bool CheckpointOverdue()
    {
        if (CheckpointPath is null || _sequence == _checkpointed.Records)
        {
            return false;
        }
        return Stopwatch.GetElapsedTime(_checkpointedTimestamp) >= _checkpoints.BusyInterval && LogGrewSinceCheckpoint;
    }

    private bool CheckpointDue()
    {
        if (CheckpointPath is null || _pending.Count > 0 || _sequence == _checkpointed.Records)
        {
            return false;
        }
        var since = Stopwatch.GetElapsedTime(_checkpointedTimestamp);
        return since >= _checkpoints.MinInterval && (since >= _checkpoints.MaxInterval || LogGrewSinceCheckpoint);
    }

    /// <summary>Whether the records since the last checkpoint are <see cref="CheckpointOptions.GrowthToWrite"/> of those before it.</summary>
    private bool LogGrewSinceCheckpoint => _sequence - _checkpointed.Records >= _checkpoints.GrowthToWrite * _checkpointed.Records;

    /// <summary>Saves the store with the log position it reflects: every applied record, in log
    /// order (records durable but not yet applied come after it and are replayed). Runs on the grain,
    /// so the store does not change meanwhile; a failure only means a longer replay next time.</summary>
    private void WriteCheckpoint(bool busy = false)
    {
        if (CheckpointPath is not { } path)
        {
            return;
        }
        if (_lastRecord is { } last)
        {
            (_lastRecordCrc, _lastRecord) = (Crc32C.Compute(last), null);
        }
        var position = new LogPosition(_sequence, _lastRecordCrc);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var bytes = CheckpointFile.Write(path, position, _store.WriteCheckpoint);
            (_checkpointed, _checkpointedTimestamp) = (position, Stopwatch.GetTimestamp());
            _logger.LogInformation(
                "Shard {Shard} wrote a checkpoint at record {Records} ({Events} events, {Megabytes:F1} MB) in {Elapsed:F0} ms{While}",
                Shard, position.Records, _store.EventCount, bytes / 1e6, Stopwatch.GetElapsedTime(started).TotalMilliseconds, busy ? " while busy" : "");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _checkpointedTimestamp = Stopwatch.GetTimestamp();
            _logger.LogWarning(ex, "Shard {Shard}: writing the checkpoint failed; the next activation replays more of the log", Shard);
        }
    }

    /// <summary>The saved store and its log position, or an empty store at the start of the log
    /// when there is none or it cannot be read (then the whole log is replayed).</summary>
    private (EventStore Store, LogPosition From) ReadCheckpoint()
    {
        if (CheckpointPath is not { } path || !File.Exists(path))
        {
            return (new EventStore(_ids), LogPosition.Start);
        }
        try
        {
            return CheckpointFile.Read(path, reader => EventStore.ReadCheckpoint(reader, _ids));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or OverflowException or ArgumentException)
        {
            // The checkpoint is a cache: whatever is wrong with it (even a layout whose checksum
            // holds but whose lengths do not add up), the log still has everything.
            _logger.LogWarning(ex, "Shard {Shard}: the checkpoint {Path} cannot be read; replaying the whole log", Shard, path);
            TryDeleteCheckpoint();
            return (new EventStore(_ids), LogPosition.Start);
        }
    }

    private void TryDeleteCheckpoint()
    {
        try
        {
            if (CheckpointPath is { } path)
            {
                File.Delete(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning(ex, "Shard {Shard}: could not delete the checkpoint", Shard);
        }
    }

    private Task FlushActivity(CancellationToken cancellationToken)
    {
        PublishPending();
        return Task.CompletedTask;
    }

    /// <summary>Sends what was collected on the activity streams; consumers are not waited for.</summary>
    private void PublishPending()
    {
        if (!_hub.HasPending)
        {
            return;
        }
        var messages = _hub.Drain(Shard, _sequence);
        var provider = this.GetStreamProvider(StreamNames.Provider);
        var sends = new List<Task>();
        foreach (var (key, batch) in messages.Content)
        {
            sends.Add(provider.GetStream<ActivityBatch>(StreamId.Create(StreamNames.Content, key)).OnNextAsync(batch));
        }
        foreach (var (key, batch) in messages.Segments)
        {
            sends.Add(provider.GetStream<ActivityBatch>(StreamId.Create(StreamNames.Segment, key)).OnNextAsync(batch));
        }
        foreach (var (key, activity) in messages.Users)
        {
            sends.Add(provider.GetStream<UserActivity>(StreamId.Create(StreamNames.User, key)).OnNextAsync(activity));
        }
        _ = Task.WhenAll(sends).ContinueWith(
            t => _logger.LogWarning(t.Exception, "Shard {Shard}: publishing activity failed; consumers catch up when they renew their watch", Shard),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>For <c>wait=true</c>: the consumers get the batch by direct calls and are awaited.</summary>
    private Task DeliverDirectly(ActivityHub.Messages messages) => Task.WhenAll(
        messages.Content.Select(m => GrainFactory.GetGrain<IContentGrain>(m.Key).Apply(m.Batch))
            .Concat(messages.Segments.Select(m => GrainFactory.GetGrain<ISegmentGrain>(m.Key).Apply(m.Batch)))
            .Concat(messages.Users.Select(m => GrainFactory.GetGrain<IUserGrain>(m.Key).Apply(m.Activity))));

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
