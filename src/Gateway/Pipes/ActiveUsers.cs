using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>active_users</c>: distinct active users per period and platform.</summary>
internal sealed class ActiveUsers : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("period", ColumnType.DateTime),
        new("platform", ColumnType.String),
        new("active_users", ColumnType.UInt64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (0, false), (1, false));

    public string Name => "active_users";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var filter = new EventFilter(from, to, EventTypes: eventType is null ? null : [eventType], Platform: p.String("platform"), Country: p.String("country"));
        var query = new GroupQuery(filter, [GroupDimension.Platform], [GroupMeasure.UniqueUsers], p.Bucket("time_bucket", Bucket.Day));
        var (groups, read) = await GroupMerge.AskAsync(context, null, query);
        var rows = groups.Select(g => new object?[] { g.PeriodMs, g.Keys[0], (long)g.Values[0] });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
