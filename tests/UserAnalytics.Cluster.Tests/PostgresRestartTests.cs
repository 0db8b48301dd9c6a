using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace UserAnalytics.Cluster.Tests;

/// <summary>PostgreSQL restarted under load: while it is down, ingest refuses (503) instead of
/// acknowledging rows it could not store; once it is back, ingest recovers by itself and every
/// acknowledged event is there. Uses a server of its own, since it stops it.</summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private PostgresServer _server = null!;

    public PostgresRestartTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public async Task InitializeAsync() => _server = await PostgresServer.StartPrivateAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task IngestRefusesWhilePostgresIsDownAndRecoversByItself()
    {
        var database = await _server.CreateDatabaseAsync("ua_restart");
        await using var cluster = new ProductionCluster(database);
        var silo = (await cluster.StartSilosAsync(1))[0];
        using var client = cluster.Client(silo, TimeSpan.FromSeconds(15));
        var acknowledged = new ConcurrentDictionary<string, string>();
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource();
        var batch = 0;

        async Task<int> SendAsync()
        {
            var b = Interlocked.Increment(ref batch);
            var user = $"rs-user-{b % 10}";
            var body = new StringBuilder();
            for (var i = 0; i < 20; i++)
            {
                body.Append(JsonSerializer.Serialize(new { event_id = $"r{b}-{i}", user_id = user, event_type = "click", timestamp = 1_735_689_600 + (b * 20) + i })).Append('\n');
            }
            try
            {
                using var response = await client.PostAsync("v0/events?name=user_events", new StringContent(body.ToString(), Encoding.UTF8, "application/x-ndjson"));
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status == 202)
                {
                    for (var i = 0; i < 20; i++)
                    {
                        acknowledged[$"r{b}-{i}"] = user;
                    }
                }
                return status;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                return 0;
            }
        }

        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await SendAsync();
                await Task.Delay(20);
            }
        });
        await Task.Delay(1500);
        await _server.RestartAsync(TimeSpan.FromSeconds(3));

        // Recovers by itself: within 30 s of PostgreSQL's return, batches are acknowledged again.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var before = acknowledged.Count;
        while (acknowledged.Count == before && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        await Task.Delay(1000);
        stop.Cancel();
        await load;

        _output.WriteLine("statuses: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(acknowledged.Count > before, $"ingest did not recover after PostgreSQL restarted; statuses {string.Join(",", statuses)}\n{cluster.Logs}");
        Assert.True(statuses.Keys.Any(s => s is 503 or 429), $"no batch was refused while PostgreSQL was down; statuses {string.Join(",", statuses)}");
        Assert.DoesNotContain(500, statuses.Keys);
        foreach (var user in acknowledged.Values.Distinct())
        {
            using var response = await client.GetAsync($"v0/pipes/user_event_timeline.json?user_id={user}&limit=100000");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{body}\n{cluster.Logs}");
            var stored = JsonSerializer.Deserialize<JsonElement>(body).GetProperty("data").EnumerateArray().Select(r => r.GetProperty("event_id").GetString()!).ToList();
            Assert.Equal(stored.Count, stored.Distinct().Count());
            var missing = acknowledged.Where(a => a.Value == user && !stored.Contains(a.Key)).Select(a => a.Key).ToList();
            Assert.True(missing.Count == 0, $"{user}: acknowledged but missing: {string.Join(", ", missing.Take(5))}");
        }
    }
}
