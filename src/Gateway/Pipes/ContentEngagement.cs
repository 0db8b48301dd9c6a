using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>content_engagement</c>: events, distinct users and durations per content item and event type.</summary>
internal sealed class ContentEngagement : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("content_id", ColumnType.String),
        new("event_type", ColumnType.String),
        new("event_count", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("total_duration", ColumnType.Float64),
        new("avg_duration", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (2, true));

    public string Name => "content_engagement";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var limit = p.Limit(50);
        var filter = new EventFilter(from, to, EventTypes: eventType is null ? null : [eventType], ContentId: p.String("content_id"), RequireContent: true);
        var query = new GroupQuery(filter, [GroupDimension.ContentId, GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]);
        var (groups, total, read) = await GroupMerge.AskTopAsync(context, query, new TopByMeasure(0, limit));
        var rows = groups.Select(g => new object?[]
        {
            g.Keys[0], g.Keys[1], (long)g.Values[0], (long)g.Values[1], g.Values[2], ContractMath.Average(g.Values[2], g.Values[0]),
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
