namespace UserAnalytics.Grains.Storage.Postgres;

/// <summary>Where the production event log lives.</summary>
public sealed class PostgresEventLogOptions
{
    /// <summary>An Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "";
}
