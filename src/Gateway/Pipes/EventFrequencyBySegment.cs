using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>event_frequency_by_segment</c>: events and distinct users per period and event type.</summary>
internal sealed class EventFrequencyBySegment : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("period", ColumnType.DateTime),
        new("event_type", ColumnType.String),
        new("event_count", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("events_per_user", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (0, false), (1, false));

    public string Name => "event_frequency_by_segment";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var filter = new EventFilter(from, to, EventTypes: p.List("event_types"), SegmentId: p.String("segment_id"));
        var query = new GroupQuery(filter, [GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.UniqueUsers], p.Bucket("time_granularity", Bucket.Day));
        var (groups, read) = await GroupMerge.AskAsync(context, null, query);
        var rows = groups.Select(g => new object?[]
        {
            g.PeriodMs, g.Keys[0], (long)g.Values[0], (long)g.Values[1], ContractMath.Average(g.Values[0], g.Values[1]),
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
