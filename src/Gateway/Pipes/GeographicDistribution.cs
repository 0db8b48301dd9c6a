using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>geographic_distribution</c>: events, distinct users and average duration per country and region.</summary>
internal sealed class GeographicDistribution : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("country", ColumnType.String),
        new("region", ColumnType.String),
        new("event_count", ColumnType.UInt64),
        new("unique_users", ColumnType.UInt64),
        new("avg_duration", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (2, true));

    public string Name => "geographic_distribution";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var limit = p.Limit(100);
        var filter = new EventFilter(from, to, EventTypes: eventType is null ? null : [eventType], Platform: p.String("platform"), Device: p.String("device"));
        var query = new GroupQuery(filter, [GroupDimension.Country, GroupDimension.Region], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]);
        var (groups, read) = await GroupMerge.AskAsync(context, null, query);
        var rows = groups.Select(g => new object?[]
        {
            g.Keys[0], g.Keys[1], (long)g.Values[0], (long)g.Values[1], ContractMath.Average(g.Values[2], g.Values[0]),
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), groups.Count, read);
    }
}
