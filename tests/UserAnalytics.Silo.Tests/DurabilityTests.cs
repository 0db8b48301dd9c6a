using System.Collections.Concurrent;
using System.Text;

namespace UserAnalytics.Silo.Tests;

/// <summary>An acknowledged event survives anything: these tests kill the silo and look for it.</summary>
public sealed class DurabilityTests
{
    private const int Users = 40;
    private const int EventsPerBatch = 200;

    [Fact]
    public async Task EveryAcknowledgedEventSurvivesASigkillMidStream()
    {
        var settings = SiloSettings.Create();
        try
        {
            var acknowledged = new ConcurrentBag<string>();
            await using (var silo = await SiloProcess.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                var kill = new KillSwitch(silo, afterAcknowledgements: 20);
                // The process dies the instant one more 202 arrives, with other requests in flight:
                // anything acknowledged before it reached the disk would be lost.
                var writers = Enumerable.Range(0, 4).Select(w => WriteUntilKilledAsync(client, w, acknowledged, kill)).ToArray();
                await Task.WhenAll(writers);
                // Without these the test would pass with nothing acknowledged and the silo alive.
                Assert.True(kill.Killed, "the silo was never killed: fewer than 20 batches were acknowledged");
                Assert.True(acknowledged.Count >= 20 * EventsPerBatch, $"only {acknowledged.Count} events were acknowledged");
            }

            await using var restarted = await SiloProcess.StartAsync(settings);
            using var reader = settings.CreateClient();
            var stored = new List<string>();
            for (var u = 0; u < Users; u++)
            {
                var timeline = await reader.PipeAsync("user_event_timeline", $"user_id=crash-user-{u}&limit=1000000");
                stored.AddRange(timeline.Data().Select(r => r.GetProperty("event_id").GetString()!));
            }

            var missing = acknowledged.Except(stored).ToList();
            Assert.True(missing.Count == 0, $"{missing.Count} of {acknowledged.Count} acknowledged events are missing, e.g. {string.Join(", ", missing.Take(5))}");
            Assert.Equal(stored.Count, stored.Distinct().Count());
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task ATornTailIsCutOffAndTheSiloStartsWithEverythingElse()
    {
        var settings = SiloSettings.Create(shards: 2);
        try
        {
            const string user = "torn-user";
            await using (var silo = await InProcessSilo.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                var lines = Enumerable.Range(0, 10).Select(i => Http.Line(new { event_id = $"t{i}", user_id = user, event_type = "view", timestamp = 1_700_000_000 + i }));
                var (status, _) = await client.PostEventsAsync("user_events", string.Join('\n', lines));
                Assert.Equal(202, status);
            }
            foreach (var log in Directory.GetFiles(Path.Combine(settings.DataDirectory, "logs"), "shard-*.log"))
            {
                // Half a record: a header that promises more bytes than follow, as a crash mid-write leaves it.
                await File.AppendAllTextAsync(log, "\u0040\u0000\u0000\u0000garbage", Encoding.Latin1);
            }

            await using var restarted = await InProcessSilo.StartAsync(settings);
            using var reader = settings.CreateClient();
            Assert.Equal(10, (await reader.PipeAsync("user_event_timeline", $"user_id={user}")).Data().Count);
            var (again, _) = await reader.PostEventsAsync("user_events", Http.Line(new { event_id = "t10", user_id = user, event_type = "view", timestamp = 1_700_000_100 }));
            Assert.Equal(202, again);
            Assert.Equal(11, (await reader.PipeAsync("user_event_timeline", $"user_id={user}")).Data().Count);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    private static async Task WriteUntilKilledAsync(HttpClient client, int writer, ConcurrentBag<string> acknowledged, KillSwitch kill)
    {
        for (var batch = 0; !kill.Killed; batch++)
        {
            var ids = Enumerable.Range(0, EventsPerBatch).Select(i => $"w{writer}-b{batch}-e{i}").ToArray();
            var body = string.Join('\n', ids.Select((id, i) => Http.Line(new
            {
                event_id = id,
                user_id = $"crash-user-{(i + batch) % Users}",
                event_type = "page_view",
                timestamp = 1_700_000_000_000L + (batch * 1000) + i,
            })));
            try
            {
                using var content = new StringContent(body, Encoding.UTF8);
                using var response = await client.PostAsync("v0/events?name=user_events", content);
                if ((int)response.StatusCode == 202)
                {
                    foreach (var id in ids)
                    {
                        acknowledged.Add(id);
                    }
                    kill.Acknowledged();
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                // The silo died under this request: it was never acknowledged.
                return;
            }
        }
    }

    /// <summary>Kills the silo right after the n-th acknowledgement.</summary>
    private sealed class KillSwitch
    {
        private readonly SiloProcess _silo;
        private readonly int _after;
        private int _count;
        private int _killed;

        public KillSwitch(SiloProcess silo, int afterAcknowledgements)
        {
            _silo = silo;
            _after = afterAcknowledgements;
        }

        public bool Killed => Volatile.Read(ref _killed) == 1;

        public void Acknowledged()
        {
            if (Interlocked.Increment(ref _count) >= _after && Interlocked.Exchange(ref _killed, 1) == 0)
            {
                _silo.Kill();
            }
        }
    }
}
