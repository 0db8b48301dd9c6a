using System.Diagnostics;
using Npgsql;
using UserAnalytics.Reference;

namespace UserAnalytics.Bench.Peers;

/// <summary>PostgreSQL on 127.0.0.1 (started by <c>deploy/postgres.sh</c>), loaded with binary-safe
/// COPY, with the tables and indexes a DBA would build.</summary>
public sealed class PostgresPeer : IPeer
{
    private const string TextColumnsOfEvents = "event_id, user_id, session_id, event_type, page, referrer, os, browser, platform, country, region, city, device, content_id, recommendation_id, product_id, category, properties";
    private readonly NpgsqlDataSource _source;

    public PostgresPeer(string connectionString)
    {
        _source = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
    }

    public string Name => "PostgreSQL";

    public async Task<TimeSpan> LoadAsync(Data.WorkloadFiles files)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = await _source.OpenConnectionAsync();
        await ExecuteAsync(connection, """
            DROP TABLE IF EXISTS raw_events, raw_customers, raw_user_segments CASCADE;
            CREATE UNLOGGED TABLE raw_events(seq bigint, event_id text, user_id text, session_id text, event_type text, "timestamp" timestamp(3),
                page text, referrer text, os text, browser text, platform text, country text, region text, city text, device text,
                duration double precision, content_id text, recommendation_id text, event_value double precision, product_id text,
                category text, properties text);
            CREATE UNLOGGED TABLE raw_customers(seq bigint, customer_id text, name text, email text, age integer, gender text, location text,
                signup_date timestamp(3), lifetime_value double precision, "timestamp" timestamp(3));
            CREATE UNLOGGED TABLE raw_user_segments(seq bigint, user_id text, segment_id text, segment_name text, created_at timestamp(3),
                updated_at timestamp(3), active integer);
            """);
        await CopyAsync(connection, $"COPY raw_events FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL ({TextColumnsOfEvents}))", files.EventsCsv);
        await CopyAsync(connection, "COPY raw_customers FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (customer_id, name, email, gender, location))", files.CustomersCsv);
        await CopyAsync(connection, "COPY raw_user_segments FROM STDIN WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (user_id, segment_id, segment_name))", files.SegmentsCsv);
        await ExecuteAsync(connection, SqlTemplates.DataSources(SqlDialect.Postgres));
        return clock.Elapsed;
    }

    public async Task<ReferenceResult> QueryAsync(PipeCase call)
    {
        await using var connection = await _source.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(SqlTemplates.Pipe(call.Pipe, call.Sql, SqlDialect.Postgres), connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }
        return new ReferenceResult(columns, rows);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static async Task CopyAsync(NpgsqlConnection connection, string copy, string path)
    {
        await using var writer = await connection.BeginTextImportAsync(copy);
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, false, 1 << 20);
        var buffer = new char[1 << 16];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            await writer.WriteAsync(buffer.AsMemory(0, read));
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
