using System.Diagnostics;
using DuckDB.NET.Data;
using UserAnalytics.Reference;

namespace UserAnalytics.Bench.Peers;

/// <summary>DuckDB in process, with every core of the machine, over the same rows.</summary>
public sealed class DuckDbPeer : IPeer
{
    private static readonly string[] Views = ["user_events", "customers", "segment_memberships", "segment_members", "segment_names"];
    private readonly DuckDBConnection _connection = new("DataSource=:memory:");

    public DuckDbPeer(int threads)
    {
        _connection.Open();
        Execute($"SET threads = {threads}; SET preserve_insertion_order = false;");
    }

    public string Name => "DuckDB";

    public Task<TimeSpan> LoadAsync(Data.WorkloadFiles files)
    {
        var clock = Stopwatch.StartNew();
        Execute($"""
            CREATE TABLE raw_events AS SELECT * FROM read_csv('{files.EventsCsv}', header = true, nullstr = '\N', timestampformat = '%Y-%m-%d %H:%M:%S.%g',
                columns = {Columns("seq BIGINT, event_id, user_id, session_id, event_type, timestamp TIMESTAMP, page, referrer, os, browser, platform, country, region, city, device, duration DOUBLE, content_id, recommendation_id, event_value DOUBLE, product_id, category, properties")});
            CREATE TABLE raw_customers AS SELECT * FROM read_csv('{files.CustomersCsv}', header = true, nullstr = '\N', timestampformat = '%Y-%m-%d %H:%M:%S.%g',
                columns = {Columns("seq BIGINT, customer_id, name, email, age INTEGER, gender, location, signup_date TIMESTAMP, lifetime_value DOUBLE, timestamp TIMESTAMP")});
            CREATE TABLE raw_user_segments AS SELECT * FROM read_csv('{files.SegmentsCsv}', header = true, nullstr = '\N', timestampformat = '%Y-%m-%d %H:%M:%S.%g',
                columns = {Columns("seq BIGINT, user_id, segment_id, segment_name, created_at TIMESTAMP, updated_at TIMESTAMP, active INTEGER")});
            """);
        Execute(SqlTemplates.DataSources(SqlDialect.DuckDb));
        // A DBA would materialize the stored view once instead of recomputing sessions per query.
        foreach (var view in Views)
        {
            Execute($"CREATE TABLE m_{view} AS SELECT * FROM {view};");
        }
        foreach (var view in Views.Reverse())
        {
            Execute($"DROP VIEW {view};");
        }
        foreach (var view in Views)
        {
            Execute($"ALTER TABLE m_{view} RENAME TO {view};");
        }
        return Task.FromResult(clock.Elapsed);
    }

    public Task<ReferenceResult> QueryAsync(PipeCase call)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = SqlTemplates.Pipe(call.Pipe, call.Sql, SqlDialect.DuckDb);
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }
        return Task.FromResult(new ReferenceResult(columns, rows));
    }

    public ValueTask DisposeAsync()
    {
        _connection.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>A read_csv column map from "name [TYPE], …" (VARCHAR when no type is given).</summary>
    private static string Columns(string spec) =>
        "{" + string.Join(", ", spec.Split(',', StringSplitOptions.TrimEntries).Select(column =>
        {
            var parts = column.Split(' ');
            return $"'{parts[0]}': '{(parts.Length > 1 ? parts[1] : "VARCHAR")}'";
        })) + "}";

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
