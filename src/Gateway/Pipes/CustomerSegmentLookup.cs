using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>customer_segment_lookup</c>: one customer's value and loyalty segments (one user grain call).</summary>
internal sealed class CustomerSegmentLookup : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("customer_id", ColumnType.String),
        new("name", ColumnType.String),
        new("email", ColumnType.String),
        new("location", ColumnType.String),
        new("lifetime_value", ColumnType.Float64),
        new("days_since_signup", ColumnType.Int64),
        new("value_segment", ColumnType.String),
        new("loyalty_segment", ColumnType.String),
    ];

    public string Name => "customer_segment_lookup";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        var customerId = p.RequiredString("customer_id");
        var reference = p.DateTime("reference_date") ?? context.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var query = new CustomersQuery(new EventFilter(UserId: customerId), 1, reference);
        var partial = await context.Targets(customerId)[0].Customers(query, context.CancellationToken);
        var rows = partial.Rows.Select(c => new object?[]
        {
            c.CustomerId, c.Name, c.Email, c.Location, c.LifetimeValue, c.DaysSinceSignup, c.ValueSegment, c.LoyaltySegment,
        }).ToList();
        return new PipeResult(Columns, rows, rows.Count, partial.RowsRead);
    }
}
