using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>user_engagement_time_series</c>: events, distinct users and average duration per period.</summary>
internal sealed class UserEngagementTimeSeries : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("period", ColumnType.DateTime),
        new("event_count", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("avg_duration", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (0, false));

    public string Name => "user_engagement_time_series";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var filter = new EventFilter(from, to, EventTypes: eventType is null ? null : [eventType], Platform: p.String("platform"), Device: p.String("device"), Country: p.String("country"));
        var query = new GroupQuery(filter, [], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration], p.Bucket("time_bucket", Bucket.Hour));
        var (groups, read) = await GroupMerge.AskAsync(context, null, query);
        var rows = groups.Select(g => new object?[]
        {
            g.PeriodMs, (long)g.Values[0], (long)g.Values[1], ContractMath.Average(g.Values[2], g.Values[0]),
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
