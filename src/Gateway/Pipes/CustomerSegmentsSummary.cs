using UserAnalytics.Gateway.Output;
using UserAnalytics.GrainInterfaces;
using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Gateway.Pipes;

/// <summary><c>customer_segments_summary</c>: customers, average lifetime value and age per value segment.</summary>
internal sealed class CustomerSegmentsSummary : IPipe
{
    private static readonly PipeColumn[] Columns =
    [
        new("segment", ColumnType.String),
        new("customer_count", ColumnType.UInt64),
        new("avg_lifetime_value", ColumnType.Float64),
        new("avg_age", ColumnType.Float64),
    ];

    private static readonly OutputOrder Order = new(Columns.Length, (2, true));

    public string Name => "customer_segments_summary";

    public async Task<PipeResult> RunAsync(PipeContext context)
    {
        var p = context.Parameters;
        // Accepted like the other customer pipes' (API.md: 21–23), so a malformed one is a 400;
        // no figure of this pipe depends on the date.
        _ = p.DateTime("reference_date");
        var query = new CustomerSummaryQuery(p.String("location"), p.OptionalInt("min_age"), p.OptionalInt("max_age"));
        var partials = await Task.WhenAll(context.AllShards().Select(s => s.CustomerSummary(query, context.CancellationToken)));
        var (groups, read) = GroupMerge.Merge(partials);
        var rows = groups.Select(g => new object?[]
        {
            g.Keys[0], (long)g.Values[0], ContractMath.Average(g.Values[1], g.Values[0]), ContractMath.Average(g.Values[2], g.Values[0]),
        });
        var sorted = Order.SortAndTake(rows);
        return new PipeResult(Columns, sorted, sorted.Count, read);
    }
}
