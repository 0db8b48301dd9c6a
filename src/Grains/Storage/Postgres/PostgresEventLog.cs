using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace UserAnalytics.Grains.Storage.Postgres;

/// <summary>
/// The production log: every stream's records in one PostgreSQL table keyed by (stream, seq), so
/// whichever silo activates a shard replays it from the same place. The table's primary key also
/// fences writers: two activations of one shard (a split brain) cannot both append a record with
/// the same sequence number, and the loser reloads instead of diverging.
/// </summary>
public sealed partial class PostgresEventLog : IEventLog, IAsyncDisposable
{
    private readonly NpgsqlDataSource _source;
    private readonly ILogger<PostgresEventLog> _logger;

    public PostgresEventLog(IOptions<PostgresEventLogOptions> options, ILogger<PostgresEventLog> logger)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        if (!SetsPoolSize(options.Value.ConnectionString))
        {
            connection.MaxPoolSize = options.Value.MaxConnections;
        }
        _source = NpgsqlDataSource.Create(connection.ConnectionString);
        _logger = logger;
    }

    public Task<ILogStream> OpenAsync(string name, CancellationToken cancellationToken)
    {
        if (!StreamName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a valid log stream name.", nameof(name));
        }
        return Task.FromResult<ILogStream>(new PostgresLogStream(name, _source, _logger));
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    /// <summary>True when the connection string names a pool size itself, under any of Npgsql's
    /// spellings (<c>Maximum Pool Size</c>, <c>Max Pool Size</c>, <c>MaxPoolSize</c>).</summary>
    internal static bool SetsPoolSize(string connectionString) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .Any(key => key is "maximumpoolsize" or "maxpoolsize");

    // Stream names go into COPY statements, which take no parameters.
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,200}$")]
    private static partial Regex StreamName();
}
