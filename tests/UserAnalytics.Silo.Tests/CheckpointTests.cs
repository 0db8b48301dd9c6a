using System.Text.Json;

namespace UserAnalytics.Silo.Tests;

/// <summary>Shards save their state so a restart replays only the log written after it; what the
/// silo answers never depends on whether a checkpoint was used.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public async Task AStoppedSiloRestartsFromItsCheckpointsAndGoesOnDecidingDuplicates()
    {
        var settings = SiloSettings.Create(shards: 2);
        try
        {
            await using (var silo = await InProcessSilo.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("a", 0, 10))).Status);
            }
            Assert.Single(Directory.GetFiles(Path.Combine(settings.DataDirectory, "checkpoints"), "shard-*.ckpt"));

            await using (var silo = await InProcessSilo.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                var (sequence, fromCheckpoint) = await LogRecordsAsync(client);
                Assert.True(sequence > 0);
                Assert.Equal(sequence, fromCheckpoint);
                Assert.Equal(10, await CountAsync(client, "a"));
                // Ids already stored are still known after the restart: these five are duplicates.
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("a", 5, 10))).Status);
                Assert.Equal(10, await CountAsync(client, "a"));
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("b", 0, 3))).Status);
            }

            await using var again = await InProcessSilo.StartAsync(settings);
            using var reader = settings.CreateClient();
            Assert.Equal(10, await CountAsync(reader, "a"));
            Assert.Equal(3, await CountAsync(reader, "b"));
            var (records, loaded) = await LogRecordsAsync(reader);
            Assert.Equal(records, loaded);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task AShardThatIsNeverIdleCheckpointsAnywayAndACrashReplaysWhatCameAfter()
    {
        var settings = SiloSettings.Create(shards: 1) with
        {
            Config = new Dictionary<string, string> { ["Checkpoints:MinInterval"] = "00:00:00", ["Checkpoints:BusyInterval"] = "00:00:01" },
        };
        try
        {
            var sent = 0;
            await using (var silo = await SiloProcess.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                // A batch every 50 ms: the shard is not idle for the half second an idle checkpoint
                // waits for (one may still come while the silo warms up; the busy one is the one looked for).
                for (var i = 0; i < 200 && !silo.Output.Contains("while busy", StringComparison.Ordinal); i++)
                {
                    Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("busy", sent, sent + 2))).Status);
                    sent += 2;
                    await Task.Delay(50);
                }
                Assert.Contains("while busy", silo.Output, StringComparison.Ordinal);
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("busy", sent, sent + 2))).Status);
                sent += 2;
                silo.Kill();
            }

            await using var restarted = await SiloProcess.StartAsync(settings);
            using var reader = settings.CreateClient();
            Assert.Equal(sent, await CountAsync(reader, "busy"));
            var (records, loaded) = await LogRecordsAsync(reader);
            Assert.InRange(loaded, 1, records - 1);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task EventsAfterAnIdleCheckpointSurviveASigkill()
    {
        var settings = SiloSettings.Create(shards: 1) with { Config = new Dictionary<string, string> { ["Checkpoints:MinInterval"] = "00:00:00" } };
        try
        {
            await using (var silo = await SiloProcess.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("k", 0, 20))).Status);
                var checkpoint = Path.Combine(settings.DataDirectory, "checkpoints", "shard-0000.ckpt");
                // The shard checkpoints once it has been idle for half a second (checked every second).
                for (var i = 0; i < 100 && !File.Exists(checkpoint); i++)
                {
                    await Task.Delay(100);
                }
                Assert.True(File.Exists(checkpoint), "no checkpoint was written while the shard was idle");
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines("k", 20, 25))).Status);
                silo.Kill();
            }

            await using var restarted = await SiloProcess.StartAsync(settings);
            using var reader = settings.CreateClient();
            Assert.Equal(25, await CountAsync(reader, "k"));
            var (records, loaded) = await LogRecordsAsync(reader);
            Assert.Equal(2, records);
            Assert.Equal(1, loaded);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task ADamagedCheckpointOrOneOfAnotherLogIsIgnoredAndTheLogReplayed()
    {
        var first = SiloSettings.Create(shards: 1);
        var second = SiloSettings.Create(shards: 1);
        try
        {
            foreach (var (settings, user) in new[] { (first, "x"), (second, "y") })
            {
                await using var silo = await InProcessSilo.StartAsync(settings);
                using var client = settings.CreateClient();
                Assert.Equal(202, (await client.PostEventsAsync("user_events", Lines(user, 0, 4))).Status);
            }
            // The second silo's directory gets the first one's checkpoint: same number of records, other records.
            var path = Path.Combine(second.DataDirectory, "checkpoints", "shard-0000.ckpt");
            File.Copy(Path.Combine(first.DataDirectory, "checkpoints", "shard-0000.ckpt"), path, overwrite: true);

            await using (var silo = await InProcessSilo.StartAsync(second))
            {
                using var client = second.CreateClient();
                Assert.Equal(4, await CountAsync(client, "y"));
                Assert.Equal(0, await CountAsync(client, "x"));
                Assert.Equal(0, (await LogRecordsAsync(client)).FromCheckpoint);
            }

            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length / 2] ^= 0x40;
            File.WriteAllBytes(path, bytes);
            await using var restarted = await InProcessSilo.StartAsync(second);
            using var reader = second.CreateClient();
            Assert.Equal(4, await CountAsync(reader, "y"));
            Assert.Equal(0, (await LogRecordsAsync(reader)).FromCheckpoint);
        }
        finally
        {
            first.DeleteData();
            second.DeleteData();
        }
    }

    private static string Lines(string user, int from, int to) => string.Join('\n', Enumerable.Range(from, to - from).Select(i =>
        Http.Line(new { event_id = $"{user}-{i}", user_id = $"ckpt-{user}", event_type = "view", timestamp = 1_700_000_000 + i })));

    private static async Task<int> CountAsync(HttpClient client, string user) =>
        (await client.PipeAsync("user_event_timeline", $"user_id=ckpt-{user}&limit=1000")).Data().Count;

    private static async Task<(long Sequence, long FromCheckpoint)> LogRecordsAsync(HttpClient client)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("v0/admin/stats"));
        var shards = json.RootElement.GetProperty("shards").EnumerateArray().ToList();
        return (shards.Sum(s => s.GetProperty("sequence").GetInt64()), shards.Sum(s => s.GetProperty("from_checkpoint").GetInt64()));
    }
}
