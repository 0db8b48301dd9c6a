using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary><c>customers</c>: profile versions; the latest <c>timestamp</c> per customer wins.</summary>
internal sealed class CustomersSource : DataSource
{
    private static readonly ColumnSpec[] Spec =
    [
        new("customer_id", ColumnKind.String, Required: true, "user_id"),
        new("name", ColumnKind.String),
        new("email", ColumnKind.String),
        new("age", ColumnKind.Int32),
        new("gender", ColumnKind.String),
        new("location", ColumnKind.String),
        new("signup_date", ColumnKind.DateTime),
        new("lifetime_value", ColumnKind.Float64),
        new("timestamp", ColumnKind.DateTime),
    ];

    public CustomersSource()
        : base("customers", Spec)
    {
    }

    protected override string? Add(RowValues v, ShardBatches batches)
    {
        batches.Add(new CustomerRow(
            v.String(0), v.String(1), v.String(2), (int)v.Number(3), v.String(4), v.String(5), v.Time(6), v.Number(7), v.Time(8)));
        return null;
    }
}
