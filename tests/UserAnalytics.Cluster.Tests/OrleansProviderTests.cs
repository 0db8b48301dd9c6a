using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using Orleans.TestingHost;
using UserAnalytics.Silo.Postgres;

namespace UserAnalytics.Cluster.Tests;

/// <summary>
/// Orleans' ADO.NET providers — clustering, grain state, reminders — running the project's own
/// schema and OrleansQuery rows (migration 002) against a real PostgreSQL server. The providers are
/// the ones production wires up, reached through a two-silo in-process cluster that formed its
/// membership through them, or built directly where a test needs a cluster of its own.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class OrleansProviderTests : IAsyncLifetime
{
    private readonly PostgresServer _server;
    private string _database = "";
    private TestCluster _cluster = null!;

    public OrleansProviderTests(PostgresFixture fixture)
    {
        _server = fixture.Server;
    }

    public async Task InitializeAsync()
    {
        _database = await _server.CreateDatabaseAsync("ua_orleans");
        await PostgresSchema.EnsureAsync(_database, 4, NullLogger.Instance, CancellationToken.None);
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Properties[PostgresConfigurator.Key] = _database;
        builder.AddSiloBuilderConfigurator<PostgresConfigurator>();
        builder.AddClientBuilderConfigurator<PostgresConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _server.DropDatabaseAsync(_database);
    }

    private IServiceProvider Silo => _cluster.GetSiloServiceProvider();

    [Fact]
    public async Task SilosJoinThroughTheMembershipTableAndTheClientFindsThemAsGateways()
    {
        var hosts = await _cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);

        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var rows = new NpgsqlCommand("SELECT count(*) FROM ua_orleans_membership WHERE deployment_id = $1 AND status = 3 AND proxy_port > 0", connection)
        {
            Parameters = { new NpgsqlParameter { Value = _cluster.Options.ClusterId } },
        };
        Assert.Equal(2L, await rows.ExecuteScalarAsync());
        await using var version = new NpgsqlCommand("SELECT version FROM ua_orleans_membership_version WHERE deployment_id = $1", connection)
        {
            Parameters = { new NpgsqlParameter { Value = _cluster.Options.ClusterId } },
        };
        // Each silo's join and each status change it made bumped the version once.
        Assert.True((int)(await version.ExecuteScalarAsync())! >= 4);
    }

    [Fact]
    public async Task ConcurrentMembershipWritesAtOneVersionLetExactlyOneSiloWin()
    {
        // Eight providers stand for eight silos of a cluster of their own, all writing at once.
        var clusterId = "race-" + Guid.NewGuid().ToString("N")[..8];
        var tables = Enumerable.Range(0, 8).Select(_ => NewMembershipTable(clusterId)).ToList();
        await Task.WhenAll(tables.Select(t => t.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None)));

        var empty = await tables[0].ReadAllAsync(CancellationToken.None);
        Assert.Empty(empty.Members);
        var inserts = await Task.WhenAll(tables.Select((t, i) => t.InsertRowAsync(Entry(11_000 + i, SiloStatus.Joining), empty.Version.Next(), CancellationToken.None)));
        Assert.Single(inserts, won => won);

        var one = await tables[0].ReadAllAsync(CancellationToken.None);
        var (winner, etag) = Assert.Single(one.Members);
        Assert.Equal(empty.Version.Version + 1, one.Version.Version);
        Assert.Equal(SiloStatus.Joining, winner.Status);
        Assert.False(await tables[1].InsertRowAsync(winner, one.Version.Next(), CancellationToken.None), "the same silo inserted twice");

        var updates = await Task.WhenAll(tables.Select(t => t.UpdateRowAsync(With(winner, SiloStatus.Active), etag, one.Version.Next(), CancellationToken.None)));
        Assert.Single(updates, won => won);
        Assert.False(await tables[2].UpdateRowAsync(With(winner, SiloStatus.Dead), etag, one.Version.Next(), CancellationToken.None), "a stale version was accepted");

        var two = await tables[3].ReadRowAsync(winner.SiloAddress, CancellationToken.None);
        var (active, _) = Assert.Single(two.Members);
        Assert.Equal(SiloStatus.Active, active.Status);
        Assert.Equal(one.Version.Version + 1, two.Version.Version);

        // Heartbeats are not membership changes: they leave the version alone.
        var alive = With(active, SiloStatus.Active);
        alive.IAmAliveTime = DateTime.UtcNow.AddSeconds(5);
        await tables[4].UpdateIAmAliveAsync(alive, CancellationToken.None);
        var three = await tables[5].ReadAllAsync(CancellationToken.None);
        Assert.Equal(two.Version.Version, three.Version.Version);
        Assert.Equal(alive.IAmAliveTime, three.Members[0].Item1.IAmAliveTime, TimeSpan.FromMilliseconds(1));

        // Clients list active silos' gateway endpoints.
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = PostgresHosting.Invariant, ConnectionString = _database }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "provider-tests" }));
        await gateways.InitializeGatewayListProvider();
        var gateway = Assert.Single(await gateways.GetGateways());
        Assert.Equal(winner.ProxyPort, gateway.Port);
    }

    [Fact]
    public async Task OnlyDeadSilosRowsAreCleanedUpAndDeletingTheClusterEmptiesIt()
    {
        var clusterId = "cleanup-" + Guid.NewGuid().ToString("N")[..8];
        var table = NewMembershipTable(clusterId);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        var old = DateTime.UtcNow.AddHours(-2);
        var dead = Entry(12_001, SiloStatus.Dead, old);
        var alive = Entry(12_002, SiloStatus.Active, old);
        Assert.True(await table.InsertRowAsync(dead, (await table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));
        Assert.True(await table.InsertRowAsync(alive, (await table.ReadAllAsync(CancellationToken.None)).Version.Next(), CancellationToken.None));

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1), CancellationToken.None);
        var left = await table.ReadAllAsync(CancellationToken.None);
        Assert.Equal(alive.SiloAddress, Assert.Single(left.Members).Item1.SiloAddress);
        Assert.Empty((await table.ReadRowAsync(dead.SiloAddress, CancellationToken.None)).Members);

        await table.DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, CancellationToken.None);
        Assert.Empty((await table.ReadAllAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task GrainStateRoundTripsAndAStaleVersionIsAConflict()
    {
        var storage = Silo.GetRequiredKeyedService<IGrainStorage>("Default");
        var grain = GrainId.Create("probe", "user-" + Guid.NewGuid().ToString("N")[..8]);
        var other = GrainId.Create("probe", "user-" + Guid.NewGuid().ToString("N")[..8]);

        var first = new GrainState<Dictionary<string, int>>(new() { ["clicks"] = 3 });
        await storage.WriteStateAsync("probe-state", grain, first);
        Assert.NotNull(first.ETag);
        Assert.True(first.RecordExists);

        var read = new GrainState<Dictionary<string, int>>();
        await storage.ReadStateAsync("probe-state", grain, read);
        Assert.Equal(3, read.State!["clicks"]);
        Assert.Equal(first.ETag, read.ETag);

        var nothing = new GrainState<Dictionary<string, int>>();
        await storage.ReadStateAsync("probe-state", other, nothing);
        Assert.False(nothing.RecordExists);
        Assert.Null(nothing.ETag);

        // A second activation that never read the row must not overwrite it.
        var twin = new GrainState<Dictionary<string, int>>(new() { ["clicks"] = 99 });
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe-state", grain, twin));

        read.State!["clicks"] = 4;
        var staleEtag = read.ETag;
        await storage.WriteStateAsync("probe-state", grain, read);
        Assert.NotEqual(staleEtag, read.ETag);
        first.State!["clicks"] = 5;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe-state", grain, first));

        await storage.ClearStateAsync("probe-state", grain, read);
        Assert.False(read.RecordExists);
        var cleared = new GrainState<Dictionary<string, int>>();
        await storage.ReadStateAsync("probe-state", grain, cleared);
        Assert.Empty(cleared.State!);
        Assert.Equal(read.ETag, cleared.ETag);

        cleared.State!["clicks"] = 6;
        await storage.WriteStateAsync("probe-state", grain, cleared);
        var again = new GrainState<Dictionary<string, int>>();
        await storage.ReadStateAsync("probe-state", grain, again);
        Assert.Equal(6, again.State!["clicks"]);
    }

    [Fact]
    public async Task RemindersAreFoundByGrainAndByHashRangeAndRemovedOnlyAtTheirVersion()
    {
        var table = Silo.GetRequiredService<IReminderTable>();
        var grain = GrainId.Create("probe", "segment-" + Guid.NewGuid().ToString("N")[..8]);
        // Far in the future, so the reminder service never tries to fire it at a grain that does not exist.
        var entry = new ReminderEntry { GrainId = grain, ReminderName = "rollups", StartAt = DateTime.UtcNow.AddDays(1), Period = TimeSpan.FromDays(3000) };
        var etag = await table.UpsertRow(entry);
        Assert.False(string.IsNullOrEmpty(etag));

        var row = await table.ReadRow(grain, "rollups");
        Assert.NotNull(row);
        Assert.Equal(entry.Period, row.Period);
        Assert.Equal(entry.StartAt, row.StartAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(etag, row.ETag);
        Assert.Null(await table.ReadRow(grain, "no-such-reminder"));
        Assert.Single((await table.ReadRows(grain)).Reminders);

        var hash = grain.GetUniformHashCode();
        Assert.Contains((await table.ReadRows(hash - 1, hash)).Reminders, r => r.GrainId == grain);
        Assert.DoesNotContain((await table.ReadRows(hash, hash + 1)).Reminders, r => r.GrainId == grain);
        // A range that wraps around the ring: everything but the half-open (hash, hash + 2^31].
        Assert.Contains((await table.ReadRows(hash + 0x8000_0000u, hash)).Reminders, r => r.GrainId == grain);

        var moved = await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "rollups", StartAt = entry.StartAt, Period = TimeSpan.FromHours(2) });
        Assert.NotEqual(etag, moved);
        Assert.False(await table.RemoveRow(grain, "rollups", etag));
        Assert.True(await table.RemoveRow(grain, "rollups", moved!));
        Assert.Empty((await table.ReadRows(grain)).Reminders);
    }

    private AdoNetClusteringTable NewMembershipTable(string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "provider-tests" }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = PostgresHosting.Invariant, ConnectionString = _database }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static MembershipEntry Entry(int port, SiloStatus status, DateTime? at = null) => new()
    {
        SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 1),
        SiloName = $"silo-{port}",
        HostName = "localhost",
        Status = status,
        ProxyPort = port + 1000,
        StartTime = at ?? DateTime.UtcNow,
        IAmAliveTime = at ?? DateTime.UtcNow,
        SuspectTimes = [],
    };

    private static MembershipEntry With(MembershipEntry entry, SiloStatus status) => new()
    {
        SiloAddress = entry.SiloAddress,
        SiloName = entry.SiloName,
        HostName = entry.HostName,
        Status = status,
        ProxyPort = entry.ProxyPort,
        StartTime = entry.StartTime,
        IAmAliveTime = DateTime.UtcNow,
        SuspectTimes = [Tuple.Create(SiloAddress.New(IPAddress.Loopback, 9999, 2), DateTime.UtcNow)],
    };

    /// <summary>Silos and client of the test cluster on the production wiring.</summary>
    private sealed class PostgresConfigurator : ISiloConfigurator, IClientBuilderConfigurator
    {
        public const string Key = "UA_TEST_ORLEANS_PG";

        public void Configure(ISiloBuilder siloBuilder) => siloBuilder.UsePostgres(siloBuilder.Configuration[Key]!);

        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresHosting.Invariant, configuration[Key]!));
    }
}
