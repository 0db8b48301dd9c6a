using Npgsql;
using UserAnalytics.Gateway.Hosting;

namespace UserAnalytics.Silo.Postgres;

/// <summary>
/// Creates or migrates the production schema on start: the event log, the layout, and the tables
/// and queries of Orleans' ADO.NET providers. Migrations are numbered SQL files embedded in this
/// assembly; each runs once, in order, in one transaction under an advisory lock, so silos starting
/// together do not race.
/// </summary>
internal static class PostgresSchema
{
    private const long MigrationLock = 0x5541_5343_4845_4D41; // "UASCHEMA"

    public static async Task EnsureAsync(string connectionString, int shards, ILogger logger, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(connectionString, logger, cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken);
            await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS ua_schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = new HashSet<int>();
            await using (var read = new NpgsqlCommand("SELECT version FROM ua_schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }
            foreach (var (version, name, sql) in Migrations().Where(m => !applied.Contains(m.Version)))
            {
                logger.LogInformation("PostgreSQL schema: applying migration {Version} ({Name})", version, name);
                await ExecuteAsync(connection, sql, cancellationToken);
                await using var record = new NpgsqlCommand("INSERT INTO ua_schema_migrations (version, name) VALUES ($1, $2)", connection);
                record.Parameters.Add(new NpgsqlParameter { Value = version });
                record.Parameters.Add(new NpgsqlParameter { Value = name });
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await PinShardCountAsync(connection, shards, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>The migrations, in version order: resources named <c>NNN_name.sql</c>.</summary>
    internal static IReadOnlyList<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(PostgresSchema).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Postgres.Migrations.", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..^".sql".Length];
                var version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var text = new StreamReader(stream);
                return (version, file, text.ReadToEnd());
            })
            .OrderBy(m => m.version)
            .ToList();
    }

    /// <summary>Users are partitioned by the shard count: a cluster started with another count would
    /// misroute them, so it is fixed by the first silo and checked by every other.</summary>
    private static async Task PinShardCountAsync(NpgsqlConnection connection, int shards, CancellationToken cancellationToken)
    {
        await using (var pin = new NpgsqlCommand("INSERT INTO ua_layout (id, shards) VALUES (1, $1) ON CONFLICT (id) DO NOTHING", connection))
        {
            pin.Parameters.Add(new NpgsqlParameter { Value = shards });
            await pin.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var read = new NpgsqlCommand("SELECT shards FROM ua_layout WHERE id = 1", connection);
        var stored = (int)(await read.ExecuteScalarAsync(cancellationToken))!;
        if (stored != shards)
        {
            throw new StartupException(
                $"The data in this PostgreSQL database is partitioned into {stored} shards, but Sharding:Shards (UA_SHARDS) is {shards}. " +
                $"Start every silo with UA_SHARDS={stored}, or use a new database.");
        }
    }

    /// <summary>Connects, retrying for a while: silos are often started together with their database.</summary>
    private static async Task<NpgsqlConnection> ConnectAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken);
                return connection;
            }
            catch (NpgsqlException ex) when (DateTime.UtcNow < deadline && ex is not PostgresException { SqlState: "28P01" or "3D000" })
            {
                await connection.DisposeAsync();
                logger.LogWarning("PostgreSQL is not reachable yet ({Message}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
