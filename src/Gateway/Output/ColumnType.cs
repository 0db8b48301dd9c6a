namespace UserAnalytics.Gateway.Output;

/// <summary>Output column types, named as ClickHouse (and so Tinybird's <c>meta</c>) names them.</summary>
internal enum ColumnType
{
    String,
    DateTime,
    Date,
    UInt64,
    Int64,
    Int32,
    Float64,
    NullableDateTime,
}

internal static class ColumnTypes
{
    public static string MetaName(this ColumnType type) => type switch
    {
        ColumnType.NullableDateTime => "Nullable(DateTime)",
        _ => type.ToString(),
    };
}
