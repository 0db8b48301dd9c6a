using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>event_funnel_analysis</c>: users reaching each step of a funnel, with conversion and drop-off.</summary>
internal sealed class EventFunnelAnalysis : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("step", ColumnType.UInt64),
        new("event_type", ColumnType.String),
        new("users", ColumnType.UInt64),
        new("conversion_rate", ColumnType.Float64),
        new("step_conversion_rate", ColumnType.Float64),
        new("drop_off", ColumnType.UInt64),
    ];

    public string Name => "event_funnel_analysis";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var steps = p.List("event_steps") ?? throw new BadParameterException("event_steps", "is required");
        if (steps.Length is < 2 or > 20)
        {
            throw new BadParameterException("event_steps", $"needs 2 to 20 steps, got {steps.Length}");
        }
        var (from, to) = p.Window();
        var windowSeconds = p.Int("window_seconds", 604_800, 0);
        var filter = new EventFilter(from, to, EventTypes: [.. steps.Distinct(StringComparer.Ordinal)], SegmentId: p.String("segment_id"));
        var query = new FunnelQuery(filter, steps, windowSeconds * 1000L);
        var partials = await Task.WhenAll(context.AllShards().Select(s => s.Funnel(query, context.CancellationToken)));
        var (groups, read) = GroupMerge.Merge(partials);
        var reached = groups.Count == 0 ? new double[steps.Length] : groups[0].Values;
        var rows = new List<object?[]>();
        for (var s = 0; s < steps.Length; s++)
        {
            var users = reached[s];
            var previous = s == 0 ? users : reached[s - 1];
            rows.Add(
            [
                (long)(s + 1), steps[s], (long)users, ContractMath.Percent(users, reached[0]),
                ContractMath.Percent(users, previous), (long)(previous - users),
            ]);
        }
        return new PipeResult(Columns, rows, rows.Count, read);
    }
}
