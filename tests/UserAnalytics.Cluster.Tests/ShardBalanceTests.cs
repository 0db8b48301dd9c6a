using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace UserAnalytics.Cluster.Tests;

/// <summary>Shards spread evenly over the silos, and a silo added later takes its share: the
/// balancer moves shards (each replays its log on the new silo) without losing or doubling an
/// event.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ShardBalanceTests
{
    private readonly PostgresServer _server;
    private readonly ITestOutputHelper _output;

    // Answers other than 200 while polling, reported with the result: a move should queue requests, not refuse them.
    private readonly List<string> _refusals = [];

    public ShardBalanceTests(PostgresFixture fixture, ITestOutputHelper output)
    {
        _server = fixture.Server;
        _output = output;
    }

    [Fact]
    public async Task ShardsSpreadEvenlyAndASiloAddedLaterTakesItsShare()
    {
        var database = await _server.CreateDatabaseAsync("ua_balance");
        try
        {
            await using var cluster = new ProductionCluster(database, new Dictionary<string, string> { ["Sharding__RebalanceInterval"] = "00:00:01" });
            var silos = await cluster.StartSilosAsync(3);
            using var client = cluster.Client(silos[0]);
            await ClusterApi.WaitForAllShardsAsync(client);

            var users = Enumerable.Range(0, 60).Select(u => $"bal-user-{u}").ToArray();
            var body = new StringBuilder();
            for (var i = 0; i < 3000; i++)
            {
                body.Append(JsonSerializer.Serialize(new { event_id = $"bal-{i}", user_id = users[i % users.Length], event_type = "click", timestamp = 1_735_689_600 + i })).Append('\n');
            }
            using (var response = await client.PostAsync("v0/events?name=user_events", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson")))
            {
                Assert.Equal(202, (int)response.StatusCode);
            }

            var spread = await WaitForSpreadAsync(client, 3, cluster);
            _output.WriteLine("3 silos: " + Describe(spread));

            var added = (await cluster.StartSilosAsync(1))[0];
            spread = await WaitForSpreadAsync(client, 4, cluster);
            _output.WriteLine("4 silos: " + Describe(spread));
            Assert.Contains(spread, s => s.Key.Contains($":{added.SiloPort}:", StringComparison.Ordinal));

            _output.WriteLine($"{_refusals.Count} polls refused while shards moved: {string.Join(" | ", _refusals.Distinct())}");
            var stored = await ClusterApi.StoredEventIdsAsync(client, users);
            Assert.Equal(3000, stored.Count);
            Assert.All(stored, s => Assert.Equal(1, s.Value));
            var metrics = await ClusterApi.PipeAsync(client, "event_metrics.json");
            Assert.Equal(3000, metrics.GetProperty("data").EnumerateArray().Sum(r => r.GetProperty("event_count").GetInt64()));
        }
        finally
        {
            await _server.DropDatabaseAsync(database);
        }
    }

    /// <summary>Waits until <paramref name="silos"/> silos each hold ⌊12/n⌋ or ⌈12/n⌉ shards.</summary>
    private async Task<Dictionary<string, int>> WaitForSpreadAsync(HttpClient client, int silos, ProductionCluster cluster)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var spread = new Dictionary<string, int>();
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                spread = (await ClusterApi.PlacementAsync(client)).GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.Count());
            }
            catch (InvalidOperationException ex)
            {
                _refusals.Add(ex.Message);
                await Task.Delay(500);
                continue;
            }
            if (spread.Count == silos && spread.Values.All(n => n == ProductionCluster.Shards / silos || n == (ProductionCluster.Shards + silos - 1) / silos))
            {
                return spread;
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"the shards did not spread over {silos} silos: {Describe(spread)}\n{cluster.Logs}");
    }

    private static string Describe(Dictionary<string, int> spread) => string.Join(", ", spread.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
}
