using System.Globalization;
using UserAnalytics.Tests.Shared;

namespace UserAnalytics.Cluster.Tests;

/// <summary>Users are partitioned by the shard count the first silo pins in the database: a silo
/// or a standalone gateway started with another count refuses to start and names the count to
/// use, instead of routing events to shards no one reads.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ShardCountTests
{
    private readonly PostgresServer _server;

    public ShardCountTests(PostgresFixture fixture)
    {
        _server = fixture.Server;
    }

    [Fact]
    public async Task ASiloOrAGatewayWithAnotherShardCountThanTheClustersRefusesToStart()
    {
        var database = await _server.CreateDatabaseAsync("ua_shardcount");
        await using var cluster = new ProductionCluster(database);
        await cluster.StartSilosAsync(1);
        var other = ProductionCluster.Shards - 4;

        foreach (var binary in new[] { "UserAnalytics.Silo.dll", "UserAnalytics.Gateway.dll" })
        {
            var environment = new Dictionary<string, string>(cluster.Environment)
            {
                ["UA_SHARDS"] = other.ToString(CultureInfo.InvariantCulture),
                ["UA_HTTP_URL"] = $"http://127.0.0.1:{TestPorts.Free()}",
                ["UA_SILO_PORT"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture),
                ["UA_GATEWAY_PORT"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture),
            };
            await using var refused = ChildProcess.Start(binary, environment);

            var exitCode = await refused.WaitForExitAsync(TimeSpan.FromSeconds(90));

            Assert.True(exitCode == 2, $"{binary} exited with {exitCode}:\n{refused.Output}");
            Assert.Contains($"partitioned into {ProductionCluster.Shards} shards", refused.Output, StringComparison.Ordinal);
            Assert.Contains($"UA_SHARDS={ProductionCluster.Shards}", refused.Output, StringComparison.Ordinal);
        }
    }
}
