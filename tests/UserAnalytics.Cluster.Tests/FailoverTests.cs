using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace UserAnalytics.Cluster.Tests;

/// <summary>
/// Three silos on PostgreSQL and a standalone gateway (an Orleans client); events ingested without
/// pause through the gateway and a silo, the third silo (the one holding the most shards) killed
/// with SIGKILL mid-stream. The cluster must keep answering through both kinds of gateway, every
/// acknowledged event must be there exactly once, and the dead silo's shards must be served by the
/// survivors.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FailoverTests
{
    private readonly PostgresServer _server;
    private readonly ITestOutputHelper _output;

    public FailoverTests(PostgresFixture fixture, ITestOutputHelper output)
    {
        _server = fixture.Server;
        _output = output;
    }

    [Fact]
    public async Task ASiloKilledMidStreamLosesNoAcknowledgedEventAndItsShardsMoveToTheSurvivors()
    {
        var database = await _server.CreateDatabaseAsync("ua_failover");
        try
        {
            await using var cluster = new ProductionCluster(database);
            var silos = await cluster.StartSilosAsync(3);
            using var first = cluster.Client(silos[0]);
            await ClusterApi.WaitForAllShardsAsync(first);

            var placement = await ClusterApi.PlacementAsync(first);
            // SiloAddress prints as S{ip}:{port}:{generation}.
            var victim = silos.MaxBy(s => placement.Count(p => p.Value.Contains($":{s.SiloPort}:", StringComparison.Ordinal)))!;
            var victimShards = placement.Where(p => p.Value.Contains($":{victim.SiloPort}:", StringComparison.Ordinal)).Select(p => p.Key).ToArray();
            Assert.NotEmpty(victimShards);
            var standalone = cluster.Client(await cluster.StartGatewayAsync(), TimeSpan.FromSeconds(20));
            var survivors = silos.Where(s => s != victim).Take(1).Select(s => cluster.Client(s, TimeSpan.FromSeconds(20))).Append(standalone).ToArray();

            var acknowledged = new ConcurrentDictionary<string, string>();
            var refused = 0;
            using var stop = new CancellationTokenSource();
            var ingest = Task.Run(() => IngestAsync(survivors, acknowledged, () => Interlocked.Increment(ref refused), stop.Token));
            var siloGaps = Task.Run(() => LongestGapAsync(survivors[0], stop.Token));
            var gatewayGaps = Task.Run(() => LongestGapAsync(standalone, stop.Token));

            await Task.Delay(2000);
            victim.Kill();
            await Task.Delay(8000);
            stop.Cancel();
            await ingest;
            var gap = await siloGaps;
            var gatewayGap = await gatewayGaps;

            _output.WriteLine($"killed {victim.Name} holding shards [{string.Join(',', victimShards)}]; {acknowledged.Count} events acknowledged, {refused} batches refused; " +
                $"longest gap without a pipe answer: {gap.TotalSeconds:F2} s through a silo, {gatewayGap.TotalSeconds:F2} s through the standalone gateway");
            Assert.True(acknowledged.Count > 1000, $"only {acknowledged.Count} events were acknowledged:\n{cluster.Logs}");

            // Every acknowledged event is stored, once.
            var stored = await ClusterApi.StoredEventIdsAsync(survivors[0], acknowledged.Values.Distinct().ToArray());
            var missing = acknowledged.Keys.Where(id => !stored.ContainsKey(id)).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} acknowledged events are missing, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.All(stored, s => Assert.Equal(1, s.Value));
            var metrics = await ClusterApi.PipeAsync(survivors[0], "event_metrics.json");
            Assert.Equal(stored.Count, metrics.GetProperty("data").EnumerateArray().Sum(r => r.GetProperty("event_count").GetInt64()));

            // The dead silo's shards answer from the survivors.
            var after = await ClusterApi.PlacementAsync(survivors[0]);
            Assert.All(victimShards, s => Assert.DoesNotContain($":{victim.SiloPort}:", after[s], StringComparison.Ordinal));
            // How long the gaps were is reported above, not asserted (no timing in a test); that the
            // standalone gateway answers every shard again is.
            var throughGateway = await ClusterApi.PipeAsync(standalone, "event_metrics.json");
            Assert.Equal(stored.Count, throughGateway.GetProperty("data").EnumerateArray().Sum(r => r.GetProperty("event_count").GetInt64()));
        }
        finally
        {
            await _server.DropDatabaseAsync(database);
        }
    }

    /// <summary>Batches of 50 events over 40 users, alternating between the surviving gateways; an
    /// event counts as acknowledged only when its batch got a 202.</summary>
    private static async Task IngestAsync(HttpClient[] gateways, ConcurrentDictionary<string, string> acknowledged, Action refused, CancellationToken stop)
    {
        var batch = 0;
        var start = DateTimeOffset.Parse("2025-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        while (!stop.IsCancellationRequested)
        {
            var ids = new List<(string Id, string User)>();
            var body = new StringBuilder();
            for (var i = 0; i < 50; i++)
            {
                var user = $"fo-user-{(batch * 50 + i) % 40}";
                var id = $"b{batch}-e{i}";
                ids.Add((id, user));
                body.Append(JsonSerializer.Serialize(new { event_id = id, user_id = user, event_type = "page_view", timestamp = start.AddSeconds(batch * 50 + i).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) })).Append('\n');
            }
            var gateway = gateways[batch % gateways.Length];
            try
            {
                using var response = await gateway.PostAsync("v0/events?name=user_events", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"), CancellationToken.None);
                if ((int)response.StatusCode == 202)
                {
                    foreach (var (id, user) in ids)
                    {
                        acknowledged[id] = user;
                    }
                }
                else
                {
                    refused();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                refused();
            }
            batch++;
        }
    }

    /// <summary>Asks an aggregate pipe (every shard) again and again; returns the longest time between two answers.</summary>
    private static async Task<TimeSpan> LongestGapAsync(HttpClient gateway, CancellationToken stop)
    {
        var last = Stopwatch.GetTimestamp();
        var longest = TimeSpan.Zero;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await gateway.GetAsync("v0/pipes/event_metrics.json", CancellationToken.None);
                if (response.IsSuccessStatusCode)
                {
                    var now = Stopwatch.GetTimestamp();
                    var gap = Stopwatch.GetElapsedTime(last, now);
                    longest = gap > longest ? gap : longest;
                    last = now;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(50, CancellationToken.None);
        }
        var tail = Stopwatch.GetElapsedTime(last);
        return tail > longest ? tail : longest;
    }
}
