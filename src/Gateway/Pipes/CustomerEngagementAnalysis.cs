using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>customer_engagement_analysis</c>: every customer with its matching events' count and
/// value, highest total value first (customers without events included).</summary>
internal sealed class CustomerEngagementAnalysis : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("customer_id", ColumnType.String),
        new("name", ColumnType.String),
        new("value_segment", ColumnType.String),
        new("event_count", ColumnType.UInt64),
        new("total_value", ColumnType.Float64),
        new("avg_value", ColumnType.Float64),
        new("last_activity", ColumnType.NullableDateTime),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (4, true));

    public string Name => "customer_engagement_analysis";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var customerId = p.String("customer_id");
        var (from, to) = p.Window();
        var eventType = p.String("event_type");
        var limit = p.Limit(100);
        var reference = p.DateTime("reference_date") ?? context.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var filter = new EventFilter(from, to, customerId, eventType is null ? null : [eventType]);
        var query = new CustomersQuery(filter, limit, reference);
        var (customers, total, read) = await RowsMerge.AskAsync(context.Targets(customerId), t => t.Customers(query, context.CancellationToken));
        var rows = customers.Select(c => new object?[]
        {
            c.CustomerId, c.Name, c.ValueSegment, c.EventCount, c.TotalValue, ContractMath.Average(c.TotalValue, c.EventCount), c.LastActivityMs,
        });
        return new PipeResult(Columns, Order.SortAndTake(rows, limit), total, read);
    }
}
