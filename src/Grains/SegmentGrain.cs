using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Activity;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Activity;
using UserAnalytics.Grains.Segments;

namespace UserAnalytics.Grains;

/// <summary>
/// One segment: the rule that defines it (kept in grain storage), its evaluation over every shard,
/// its daily rollups and its live activity today. Each shard writes membership rows for its own
/// users through the same durable path as ingested <c>user_segments</c> rows, so membership stays
/// partitioned with the users and segment filters never leave a shard. A dynamic segment is
/// evaluated again on a reminder; a snapshot (made with a reference date) never changes by itself.
/// </summary>
[Orleans.Placement.Immovable] // not moved as its silo stops: called again, it activates elsewhere (decision 90)
public sealed class SegmentGrain : Grain, ISegmentGrain, IRemindable
{
    private const string EvaluateReminder = "evaluate";
    private const long DayMs = 86_400_000;
    private const int RollupBatchRows = 320;
    private readonly IPersistentState<SegmentState> _state;
    private readonly SegmentOptions _options;
    private readonly ActivityOptions _activity;
    private readonly int _shards;
    private readonly TimeProvider _time;
    private readonly ILogger<SegmentGrain> _logger;
    private readonly DuplicateBatches _seen = new();
    private LiveDay? _live;

    public SegmentGrain(
        [PersistentState("segment")] IPersistentState<SegmentState> state,
        IOptions<SegmentOptions> options,
        IOptions<ActivityOptions> activity,
        IOptions<ShardingOptions> sharding,
        TimeProvider time,
        ILogger<SegmentGrain> logger)
    {
        _state = state;
        _options = options.Value;
        _activity = activity.Value;
        _shards = sharding.Value.Shards;
        _time = time;
        _logger = logger;
    }

    private string SegmentId => this.GetPrimaryKeyString();

    public async Task<SegmentEvaluation> Define(SegmentRule rule)
    {
        if (rule.SegmentId != SegmentId)
        {
            throw new ArgumentException($"The rule is for segment {rule.SegmentId}, not {SegmentId}.", nameof(rule));
        }
        // The rule, its schedule and the membership are written at the same time: the answer waits
        // for all three, so the caller still sees them durable together, in a third of the time.
        var stored = StoreRuleAsync(rule);
        var evaluated = EvaluateAsync(rule, changesOnly: false);
        await Task.WhenAll(stored, evaluated);
        return await evaluated;
    }

    private async Task StoreRuleAsync(SegmentRule rule)
    {
        _state.State = _state.State with { Rule = rule };
        var written = _state.WriteStateAsync();
        if (rule.ReferenceMs is null)
        {
            await this.RegisterOrUpdateReminder(EvaluateReminder, _options.EvaluationInterval, _options.EvaluationInterval);
        }
        else if (await this.GetReminder(EvaluateReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await written;
    }

    public Task<SegmentRule?> GetRule() => Task.FromResult(_state.State.Rule);

    public async Task<SegmentEvaluation?> Evaluate() =>
        _state.State.Rule is { ReferenceMs: null } rule ? await EvaluateAsync(rule, changesOnly: true) : null;

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == EvaluateReminder)
        {
            var result = await Evaluate();
            _logger.LogInformation("Segment {Segment} re-evaluated: {Members} members", SegmentId, result?.UserCount);
        }
    }

    public async Task<int> RollUp(long? fromDayMs = null)
    {
        var today = Store.TimeBuckets.FloorTo(_time.GetUtcNow().ToUnixTimeMilliseconds(), DayMs);
        var (firstEvent, lastEvent) = await EventDaysAsync();
        if (firstEvent is null || lastEvent is null)
        {
            return 0;
        }
        var first = fromDayMs is { } from ? Store.TimeBuckets.FloorTo(from, DayMs)
            : _state.State.LastRolledUpDayMs is { } last ? last + DayMs
            : firstEvent.Value;
        // Days after the last stored event have nothing to count yet; they are rolled up once
        // events arrive for them (or a later day), so an idle store does not write rows of zeros.
        var end = Math.Min(today, lastEvent.Value + DayMs);
        var days = 0;
        var pending = new List<MetricRow>();
        for (var day = Math.Max(first, firstEvent.Value); day < end; day += DayMs)
        {
            pending.AddRange(DailyRollup.Rows(await MetricsOfAsync(day), day));
            days++;
            if (pending.Count >= RollupBatchRows || day + DayMs >= end)
            {
                // The rows are durable before the marker moves, so a crash repeats days, never skips them.
                await Shard(GrainKeys.ShardOf(SegmentId, _shards)).Append(ShardBatch.Of(metrics: [.. pending]));
                pending.Clear();
                _state.State = _state.State with { LastRolledUpDayMs = Math.Max(day, _state.State.LastRolledUpDayMs ?? long.MinValue) };
                await _state.WriteStateAsync();
            }
        }
        return days;
    }

    public async Task<SegmentLive> GetLive()
    {
        var today = Store.TimeBuckets.FloorTo(_time.GetUtcNow().ToUnixTimeMilliseconds(), DayMs);
        if (_live is null || _live.DayMs != today)
        {
            await StartLiveAsync(today);
        }
        return _live!.Summary(SegmentId);
    }

    public Task Apply(ActivityBatch batch)
    {
        if (_live is not null && _seen.Add(batch.Shard, batch.Sequence))
        {
            _live.Add(batch);
        }
        return Task.CompletedTask;
    }

    private async Task<SegmentEvaluation> EvaluateAsync(SegmentRule rule, bool changesOnly)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var members = await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => Shard(s).EvaluateSegment(rule, now, changesOnly)));
        return new SegmentEvaluation(rule.SegmentId, rule.SegmentName, members.Sum(), now);
    }

    /// <summary>The figures of one completed day, computed exactly as <c>segment_comparison</c> does.</summary>
    private async Task<SegmentMetrics> MetricsOfAsync(long dayMs)
    {
        var query = new SegmentStatsQuery([SegmentId], new EventFilter(dayMs, dayMs + DayMs - 1));
        var shards = await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => Shard(s).SegmentStats(query)));
        return SegmentMetrics.Merge([.. shards.SelectMany(s => s)]);
    }

    /// <summary>The first and last days with stored events, over all shards.</summary>
    private async Task<(long? First, long? Last)> EventDaysAsync()
    {
        var stats = await Task.WhenAll(Enumerable.Range(0, _shards).Select(s => Shard(s).GetStats()));
        var min = stats.Where(s => s.MinTimestampMs is not null).Select(s => s.MinTimestampMs!.Value).DefaultIfEmpty(long.MaxValue).Min();
        var max = stats.Where(s => s.MaxTimestampMs is not null).Select(s => s.MaxTimestampMs!.Value).DefaultIfEmpty(long.MinValue).Max();
        return min == long.MaxValue ? (null, null) : (Store.TimeBuckets.FloorTo(min, DayMs), Store.TimeBuckets.FloorTo(max, DayMs));
    }

    /// <summary>Watches every shard, reads today's baseline, then follows the segment's stream.</summary>
    private async Task StartLiveAsync(long today)
    {
        if (_live is null)
        {
            var stream = this.GetStreamProvider(StreamNames.Provider).GetStream<ActivityBatch>(StreamId.Create(StreamNames.Segment, SegmentId));
            await stream.SubscribeAsync((batch, _) => Apply(batch));
            this.RegisterGrainTimer(RenewWatchesAsync, _activity.WatchRenewal, _activity.WatchRenewal);
        }
        var live = new LiveDay(today);
        foreach (var shard in Enumerable.Range(0, _shards))
        {
            await Shard(shard).Watch(ActivityTopic.Segment, SegmentId);
            live.SetBaseline(await Shard(shard).SegmentDay(SegmentId, today));
        }
        _live = live;
    }

    private async Task RenewWatchesAsync(CancellationToken cancellationToken)
    {
        if (_live is null)
        {
            return;
        }
        for (var shard = 0; shard < _shards; shard++)
        {
            if (await Shard(shard).Watch(ActivityTopic.Segment, SegmentId))
            {
                _live.SetBaseline(await Shard(shard).SegmentDay(SegmentId, _live.DayMs));
            }
        }
    }

    private IEventShardGrain Shard(int shard) => GrainFactory.GetGrain<IEventShardGrain>(shard);
}
