using System.Globalization;

namespace UserAnalytics.Reference;

/// <summary>A parameter value, written as a SQL literal of either dialect.</summary>
public sealed record SqlValue
{
    private SqlValue(string duckDb, string postgres)
    {
        DuckDb = duckDb;
        Postgres = postgres;
    }

    public static SqlValue Null { get; } = new("NULL", "NULL");

    public string DuckDb { get; }

    public string Postgres { get; }

    public static SqlValue Text(string value)
    {
        var literal = "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
        return new SqlValue(literal, literal);
    }

    public static SqlValue Number(long value)
    {
        var literal = value.ToString(CultureInfo.InvariantCulture);
        return new SqlValue(literal, literal);
    }

    public static SqlValue Time(long ms)
    {
        var literal = "TIMESTAMP '" + DateTime.UnixEpoch.AddMilliseconds(ms).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + "'";
        return new SqlValue(literal, literal);
    }

    public static SqlValue List(IEnumerable<string> values)
    {
        var items = string.Join(", ", values.Select(v => Text(v).DuckDb));
        return new SqlValue("[" + items + "]::VARCHAR[]", "ARRAY[" + items + "]::text[]");
    }

    public string Literal(SqlDialect dialect) => dialect == SqlDialect.DuckDb ? DuckDb : Postgres;
}

/// <summary>The SQL dialects the reference queries are written in.</summary>
public enum SqlDialect
{
    DuckDb,
    Postgres,
}
