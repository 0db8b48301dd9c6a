using System.Text.RegularExpressions;

namespace UserAnalytics.Reference;

/// <summary>The reference SQL files: one per pipe and dialect, with <c>:name</c> placeholders that
/// are replaced by literals (absent parameters by NULL).</summary>
public static partial class SqlTemplates
{
    public static string Directory(SqlDialect dialect) =>
        Path.Combine(AppContext.BaseDirectory, "Sql", dialect == SqlDialect.DuckDb ? "duckdb" : "postgres");

    public static string DataSources(SqlDialect dialect) => File.ReadAllText(Path.Combine(Directory(dialect), "data_sources.sql"));

    public static string Pipe(string pipe, IReadOnlyDictionary<string, SqlValue> parameters, SqlDialect dialect) =>
        Placeholder().Replace(File.ReadAllText(Path.Combine(Directory(dialect), pipe + ".sql")), m =>
            parameters.TryGetValue(m.Groups[1].Value, out var value) ? value.Literal(dialect) : "NULL");

    [GeneratedRegex(@"(?<![:\w]):([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Placeholder();
}
