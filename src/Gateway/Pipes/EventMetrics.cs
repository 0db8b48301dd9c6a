using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>event_metrics</c>: events, distinct users and average duration per event type.</summary>
internal sealed class EventMetrics : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("event_type", ColumnType.String),
        new("event_count", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("avg_duration", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (1, true));

    public string Name => "event_metrics";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var filter = new EventFilter(from, to, Platform: p.String("platform"), Device: p.String("device"), Country: p.String("country"));
        var query = new GroupQuery(filter, [GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]);
        var (groups, read) = await GroupMerge.AskAsync(context, null, query);
        var rows = groups.Select(g => new object?[]
        {
            g.Keys[0], (long)g.Values[0], (long)g.Values[1], ContractMath.Average(g.Values[2], g.Values[0]),
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
