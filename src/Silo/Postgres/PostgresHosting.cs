using Orleans.Serialization;
using Orleans.Storage;
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
        AddGrainStorage(orleans, "Default", connectionString);
        orleans.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        return orleans;
    }

    /// <summary>Grain state is written with Orleans' own version-tolerant binary serializer rather than
    /// the provider's default JSON with assembly-qualified type names, which breaks on a rename.</summary>
    private static void AddGrainStorage(ISiloBuilder orleans, string name, string connectionString) =>
        orleans.AddAdoNetGrainStorage(name, options => options.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

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
