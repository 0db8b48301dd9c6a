using UserAnalytics.Grains.Storage;
using UserAnalytics.Grains.Storage.Postgres;

namespace UserAnalytics.Silo.Postgres;

/// <summary>The production mode's wiring: the schema first, then the event log and Orleans'
/// ADO.NET providers (clustering, grain state, reminders) on the same database.</summary>
internal static class PostgresHosting
{
    public const string Invariant = "Npgsql";

    public static IServiceCollection AddPostgresEventLog(this IServiceCollection services, string connectionString, int shards)
    {
        // Registered before Orleans' own hosted service, so the schema exists before the silo joins.
        services.AddHostedService(sp => new SchemaStartup(connectionString, shards, sp.GetRequiredService<ILogger<SchemaStartup>>()));
        services.Configure<PostgresEventLogOptions>(o => o.ConnectionString = connectionString);
        services.AddSingleton<IEventLog, PostgresEventLog>();
        return services;
    }

    public static ISiloBuilder UsePostgres(this ISiloBuilder orleans, string connectionString)
    {
        orleans.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        orleans.AddAdoNetGrainStorage("Default", o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        orleans.AddAdoNetGrainStorage("PubSubStore", o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        orleans.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        return orleans;
    }

    internal sealed class SchemaStartup : IHostedService
    {
        private readonly string _connectionString;
        private readonly int _shards;
        private readonly ILogger<SchemaStartup> _logger;

        public SchemaStartup(string connectionString, int shards, ILogger<SchemaStartup> logger)
        {
            _connectionString = connectionString;
            _shards = shards;
            _logger = logger;
        }

        public Task StartAsync(CancellationToken cancellationToken) => PostgresSchema.EnsureAsync(_connectionString, _shards, _logger, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
