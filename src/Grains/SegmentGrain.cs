using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains;

/// <summary>
/// One segment: the rule that defines it (kept in grain storage so it can be evaluated again) and
/// its evaluation over every shard. Each shard writes the resulting membership rows for its own
/// users through the same durable path as ingested <c>user_segments</c> rows, so membership stays
/// partitioned with the users and segment filters never leave a shard.
/// </summary>
public sealed class SegmentGrain : Grain, ISegmentGrain
{
    private readonly IPersistentState<SegmentState> _state;
    private readonly Microsoft.Extensions.Options.IOptions<ShardingOptions> _sharding;
    private readonly TimeProvider _time;

    public SegmentGrain(
        [PersistentState("segment")] IPersistentState<SegmentState> state,
        Microsoft.Extensions.Options.IOptions<ShardingOptions> sharding,
        TimeProvider time)
    {
        _state = state;
        _sharding = sharding;
        _time = time;
    }

    public async Task<SegmentEvaluation> Define(SegmentRule rule)
    {
        if (rule.SegmentId != this.GetPrimaryKeyString())
        {
            throw new ArgumentException($"The rule is for segment {rule.SegmentId}, not {this.GetPrimaryKeyString()}.", nameof(rule));
        }
        _state.State = new SegmentState(rule);
        await _state.WriteStateAsync();
        return await EvaluateAsync(rule);
    }

    public Task<SegmentRule?> GetRule() => Task.FromResult(_state.State.Rule);

    private async Task<SegmentEvaluation> EvaluateAsync(SegmentRule rule)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var shards = Enumerable.Range(0, _sharding.Value.Shards).Select(s => GrainFactory.GetGrain<IEventShardGrain>(s));
        var members = await Task.WhenAll(shards.Select(s => s.EvaluateSegment(rule, now)));
        return new SegmentEvaluation(rule.SegmentId, rule.SegmentName, members.Sum(), now);
    }
}
