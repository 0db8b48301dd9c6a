using DuckDB.NET.Data;
using UserAnalytics.Differential.Tests.Data;
using UserAnalytics.Reference;

namespace UserAnalytics.Differential.Tests;

/// <summary>DuckDB in process, holding every row the harness stored, with the reference SQL of each pipe.</summary>
public sealed class ReferenceDatabase : IDisposable
{
    private readonly DuckDBConnection _connection;
    private long _seq;

    public ReferenceDatabase()
    {
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        Execute("""
            CREATE TABLE raw_events(seq BIGINT, event_id VARCHAR, user_id VARCHAR, session_id VARCHAR, event_type VARCHAR, "timestamp" TIMESTAMP,
                page VARCHAR, referrer VARCHAR, os VARCHAR, browser VARCHAR, platform VARCHAR, country VARCHAR, region VARCHAR, city VARCHAR,
                device VARCHAR, duration DOUBLE, content_id VARCHAR, recommendation_id VARCHAR, event_value DOUBLE, product_id VARCHAR,
                category VARCHAR, properties VARCHAR);
            CREATE TABLE raw_customers(seq BIGINT, customer_id VARCHAR, name VARCHAR, email VARCHAR, age INTEGER, gender VARCHAR, location VARCHAR,
                signup_date TIMESTAMP, lifetime_value DOUBLE, "timestamp" TIMESTAMP);
            CREATE TABLE raw_user_segments(seq BIGINT, user_id VARCHAR, segment_id VARCHAR, segment_name VARCHAR, created_at TIMESTAMP,
                updated_at TIMESTAMP, active INTEGER);
            """);
        Execute(SqlTemplates.DataSources(SqlDialect.DuckDb));
    }

    /// <summary>Adds rows in the order they were stored.</summary>
    public void Add(IEnumerable<object> rows)
    {
        using var events = _connection.CreateAppender("raw_events");
        using var customers = _connection.CreateAppender("raw_customers");
        using var segments = _connection.CreateAppender("raw_user_segments");
        foreach (var row in rows)
        {
            var seq = ++_seq;
            switch (row)
            {
                case GeneratedEvent e:
                    events.CreateRow().AppendValue(seq).AppendValue(e.EventId).AppendValue(e.UserId).AppendValue(e.SessionId).AppendValue(e.EventType)
                        .AppendValue(Time(e.TimestampMs)).AppendValue(e.Page).AppendValue(e.Referrer).AppendValue(e.Os).AppendValue(e.Browser)
                        .AppendValue(e.Platform).AppendValue(e.Country).AppendValue(e.Region).AppendValue(e.City).AppendValue(e.Device)
                        .AppendValue(e.Duration).AppendValue(e.ContentId).AppendValue(e.RecommendationId).AppendValue(e.EventValue)
                        .AppendValue(e.ProductId).AppendValue(e.Category).AppendValue(e.Properties).EndRow();
                    break;
                case GeneratedCustomer c:
                    customers.CreateRow().AppendValue(seq).AppendValue(c.CustomerId).AppendValue(c.Name).AppendValue(c.Email).AppendValue(c.Age)
                        .AppendValue(c.Gender).AppendValue(c.Location).AppendValue(Time(c.SignupDateMs)).AppendValue(c.LifetimeValue)
                        .AppendValue(Time(c.TimestampMs)).EndRow();
                    break;
                case GeneratedSegmentRow s:
                    segments.CreateRow().AppendValue(seq).AppendValue(s.UserId).AppendValue(s.SegmentId).AppendValue(s.SegmentName)
                        .AppendValue(Time(s.CreatedAtMs)).AppendValue(Time(s.UpdatedAtMs)).AppendValue(s.Active ? 1 : 0).EndRow();
                    break;
                default:
                    throw new ArgumentException($"Unknown row type {row.GetType()}.", nameof(rows));
            }
        }
    }

    /// <summary>Runs a pipe's reference SQL with its parameters (absent ones are NULL).</summary>
    public ReferenceResult Query(string pipe, IReadOnlyDictionary<string, SqlValue> parameters)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = SqlTemplates.Pipe(pipe, parameters, SqlDialect.DuckDb);
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => (reader.GetName(i), reader.GetDataTypeName(i))).ToArray();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : reader.GetValue(i))]);
        }
        return new ReferenceResult(columns, rows);
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static DateTime Time(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);
}
