using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Gateway.Ingest;

/// <summary><c>user_segments</c>: membership rows; the latest <c>updated_at</c> per (user, segment) wins.</summary>
internal sealed class UserSegmentsSource : DataSource
{
    private static readonly ColumnSpec[] Spec =
    [
        new("user_id", ColumnKind.String, Required: true, "customer_id"),
        new("segment_id", ColumnKind.String, Required: true),
        new("segment_name", ColumnKind.String),
        new("created_at", ColumnKind.DateTime),
        new("updated_at", ColumnKind.DateTime),
        new("active", ColumnKind.Bool),
    ];

    public UserSegmentsSource()
        : base("user_segments", Spec)
    {
    }

    protected override string? Add(RowValues v, ShardBatches batches)
    {
        batches.Add(new SegmentRow(v.String(0), v.String(1), v.String(2), v.Time(3), v.Time(4), v.Number(5) != 0));
        return null;
    }
}
