using UserAnalytics.Gateway.Hosting;

namespace UserAnalytics.Silo.Hosting;

/// <summary>Where a silo keeps its data.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>File</c> (the embedded default: one process, a local data directory) or
    /// <c>Postgres</c> (production: any number of silos sharing one PostgreSQL database), <c>UA_STORAGE</c>.</summary>
    public string Provider { get; set; } = "File";

    /// <summary>The data directory (<c>UA_DATA_DIR</c>) of the embedded mode: event logs, grain state,
    /// reminders, the admin token.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The Npgsql connection string of the production mode (<c>UA_PG</c>).</summary>
    public string? Postgres { get; set; }

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Throws a message an operator can act on when the settings do not fit together.</summary>
    public void Validate(string? adminToken)
    {
        if (!IsPostgres && !string.Equals(Provider, "File", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"Storage:Provider (UA_STORAGE) is '{Provider}'; use File or Postgres.");
        }
        if (IsPostgres && string.IsNullOrWhiteSpace(Postgres))
        {
            throw new StartupException("Storage:Provider is Postgres but no connection string is set: set UA_PG (Storage:Postgres), e.g. Host=127.0.0.1;Port=5432;Username=…;Password=…;Database=…");
        }
        if (IsPostgres && string.IsNullOrWhiteSpace(adminToken))
        {
            throw new StartupException("In the Postgres mode every silo and gateway must share one admin token: set UA_ADMIN_TOKEN (Auth:AdminToken).");
        }
    }
}
