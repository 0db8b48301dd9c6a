using System.Diagnostics;
using UserAnalytics.Tests.Shared;

namespace UserAnalytics.Silo.Tests;

/// <summary>What an operator sees when a silo cannot start, and when it is stopped the way a
/// service manager stops it.</summary>
public sealed class StartAndStopTests
{
    [Fact]
    public async Task ASecondSiloOnTheSameDataDirectorySaysSoAndExitsWithCode2()
    {
        var settings = SiloSettings.Create(shards: 2);
        try
        {
            await using var first = await SiloProcess.StartAsync(settings);
            await using var second = ChildProcess.Start("UserAnalytics.Silo.dll", settings.Environment);

            await AssertRefusesToStartAsync(second, "The data directory");
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task ARestartedSiloLoadsEveryShardBeforeAnyoneAsksAndSaysWhenItIsReady()
    {
        var settings = SiloSettings.Create(shards: 2);
        try
        {
            await using (var first = await SiloProcess.StartAsync(settings))
            {
                using var client = settings.CreateClient();
                string[] lines =
                [
                    Http.Line(new { event_id = "w1", user_id = "warm-a", event_type = "view", timestamp = "2026-01-01 10:00:00" }),
                    Http.Line(new { event_id = "w2", user_id = "warm-b", event_type = "click", timestamp = "2026-01-01 10:01:00" }),
                    Http.Line(new { event_id = "w3", user_id = "warm-c", event_type = "view", timestamp = "2026-01-01 10:02:00" }),
                ];
                Assert.Equal(202, (await client.PostEventsAsync("user_events", string.Join('\n', lines))).Status);
                Assert.Equal(0, await first.StopAsync());
            }

            await using var second = await SiloProcess.StartAsync(settings);
            var ready = Stopwatch.StartNew();
            while (!second.Output.Contains("All 2 shards are loaded", StringComparison.Ordinal) && ready.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50);
            }

            // No request but /health has reached the silo: the shards loaded on their own.
            Assert.Contains("All 2 shards are loaded (3 events, 3 users)", second.Output, StringComparison.Ordinal);
            Assert.Equal(2, second.Output.Split("Shard ").Count(part => part.Contains(" loaded ", StringComparison.Ordinal)));
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task ASiloWhoseHttpPortIsTakenNamesThePortAndItsSettingAndExitsWithCode2()
    {
        var settings = SiloSettings.Create(shards: 2);
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, settings.HttpPort);
        holder.Start();
        try
        {
            await using var silo = ChildProcess.Start("UserAnalytics.Silo.dll", settings.Environment);

            await AssertRefusesToStartAsync(silo, $"Port {settings.HttpPort} on 127.0.0.1 is already in use");
            Assert.Contains("UA_HTTP_URL", silo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("fail:", silo.Output, StringComparison.Ordinal);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    [Fact]
    public async Task AStandaloneGatewayOfAPostgresClusterWithoutItsDatabaseSaysWhatIsMissingAndExitsWithCode2()
    {
        var environment = new Dictionary<string, string> { ["UA_STORAGE"] = "Postgres", ["UA_PG"] = "", ["UA_ADMIN_TOKEN"] = "" };
        await using var gateway = ChildProcess.Start("UserAnalytics.Gateway.dll", environment);

        await AssertRefusesToStartAsync(gateway, "A gateway of a PostgreSQL cluster needs UA_PG");
    }

    [Fact]
    public async Task ASiloStoppedWhileUserAndContentGrainsWatchItsShardsExitsCleanlyWithoutErrors()
    {
        var settings = SiloSettings.Create(shards: 2);
        try
        {
            await using var silo = await SiloProcess.StartAsync(settings);
            using var client = settings.CreateClient();
            string[] lines =
            [
                Http.Line(new { event_id = "s1", user_id = "stopping-user", event_type = "view", timestamp = "2026-01-01 10:00:00", content_id = "stopping-article" }),
                Http.Line(new { event_id = "s2", user_id = "another-user", event_type = "like", timestamp = "2026-01-01 10:01:00", content_id = "stopping-article" }),
            ];
            Assert.Equal(200, (await client.PostEventsAsync("user_events", string.Join('\n', lines), "&wait=true")).Status);
            // Each lookup activates a grain that watches the shards.
            Assert.Equal(200, (await client.GetJsonAsync("v0/users/stopping-user/profile")).Status);
            Assert.Equal(200, (await client.GetJsonAsync("v0/content/stopping-article")).Status);

            var exitCode = await silo.StopAsync();

            Assert.True(exitCode == 0, $"exit code {exitCode}:\n{silo.Output}");
            Assert.False(silo.Output.Contains("fail:", StringComparison.Ordinal), silo.Output);
            Assert.False(silo.Output.Contains("crit:", StringComparison.Ordinal), silo.Output);
        }
        finally
        {
            settings.DeleteData();
        }
    }

    /// <summary>Waits for a process that must refuse to start: exit code 2 and StartupGuard's one
    /// line beginning with <paramref name="reason"/>, not an unhandled exception.</summary>
    private static async Task AssertRefusesToStartAsync(ChildProcess process, string reason)
    {
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{process.Output}");
        Assert.Contains("UserAnalytics cannot start: " + reason, process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", process.Output, StringComparison.Ordinal);
    }
}
