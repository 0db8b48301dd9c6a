using System.Net.Http.Headers;

namespace UserAnalytics.Cluster.Tests;

/// <summary>Silos (and gateways) of one production-mode cluster on a fresh database: PostgreSQL for
/// the event log, membership, grain state and reminders. Failure detection is tuned down so a test
/// sees a dead silo evicted in seconds rather than the defaults' tens of seconds.</summary>
public sealed class ProductionCluster : IAsyncDisposable
{
    public const int Shards = 12;
    private readonly List<NodeProcess> _nodes = [];
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="connectionString">The cluster's database.</param>
    /// <param name="settings">Further environment for every node, over the defaults.</param>
    public ProductionCluster(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        ConnectionString = connectionString;
        _settings = settings ?? new Dictionary<string, string>();
        ClusterId = "test-" + Guid.NewGuid().ToString("N")[..10];
    }

    public string ConnectionString { get; }

    public string ClusterId { get; }

    public string AdminToken { get; } = "cluster-admin-" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public Dictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["UA_STORAGE"] = "Postgres",
        ["UA_PG"] = ConnectionString,
        ["UA_ADMIN_TOKEN"] = AdminToken,
        ["UA_SHARDS"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["UA_CLUSTER_ID"] = ClusterId,
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Messaging__ResponseTimeout"] = "00:00:05",
        ["Logging__LogLevel__Default"] = "Warning",
    }.Concat(_settings).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    public async Task<NodeProcess[]> StartSilosAsync(int count)
    {
        var started = await Task.WhenAll(Enumerable.Range(_nodes.Count, count).Select(i => NodeProcess.StartAsync($"silo-{i}", "UserAnalytics.Silo.dll", Environment)));
        _nodes.AddRange(started);
        return started;
    }

    public async Task<NodeProcess> StartGatewayAsync()
    {
        var gateway = await NodeProcess.StartAsync($"gateway-{_nodes.Count}", "UserAnalytics.Gateway.dll", Environment);
        _nodes.Add(gateway);
        return gateway;
    }

    public HttpClient Client(NodeProcess node, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public string Logs => string.Join("\n", _nodes.Select(n => $"----- {n.Name}\n{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
