namespace UserAnalytics.Grains.Storage.Postgres;

/// <summary>Where the production event log lives.</summary>
public sealed class PostgresEventLogOptions
{
    /// <summary>An Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>At most this many connections per silo for the log (unless the connection string
    /// sets <c>Maximum Pool Size</c>): appends and replays beyond it wait for a free connection
    /// instead of opening more, so several silos stay within PostgreSQL's <c>max_connections</c>.</summary>
    public int MaxConnections { get; set; } = 16;
}
