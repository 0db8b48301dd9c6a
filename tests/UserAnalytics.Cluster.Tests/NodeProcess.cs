using System.Globalization;
using UserAnalytics.Tests.Shared;

namespace UserAnalytics.Cluster.Tests;

/// <summary>A silo or a standalone gateway, the real binary as a child process, so a test can
/// SIGKILL it.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private NodeProcess(ChildProcess process, string name, int httpPort, int siloPort)
    {
        _process = process;
        Name = name;
        HttpPort = httpPort;
        SiloPort = siloPort;
    }

    public string Name { get; }

    public int HttpPort { get; }

    /// <summary>The silo-to-silo port (0 for a gateway): how shards report where they live.</summary>
    public int SiloPort { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    public bool HasExited => _process.HasExited;

    public string Output => _process.Output;

    /// <summary>Starts a silo (<c>UserAnalytics.Silo.dll</c>) or gateway (<c>UserAnalytics.Gateway.dll</c>)
    /// with the given settings and waits until it answers HTTP. A port taken between choosing it and
    /// binding it (another process got there first) means another try on other ports.</summary>
    public static async Task<NodeProcess> StartAsync(string name, string binary, IReadOnlyDictionary<string, string> environment)
    {
        for (var attempt = 1; ; attempt++)
        {
            var httpPort = TestPorts.Free();
            var siloPort = binary.Contains("Silo", StringComparison.Ordinal) ? TestPorts.Free() : 0;
            var settings = new Dictionary<string, string>(environment)
            {
                ["UA_HTTP_URL"] = $"http://127.0.0.1:{httpPort}",
            };
            if (siloPort != 0)
            {
                settings["UA_SILO_PORT"] = siloPort.ToString(CultureInfo.InvariantCulture);
                settings["UA_GATEWAY_PORT"] = TestPorts.Free().ToString(CultureInfo.InvariantCulture);
            }
            var node = new NodeProcess(ChildProcess.Start(binary, settings), name, httpPort, siloPort);
            using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                await node._process.WaitUntilHealthyAsync(client, name, TimeSpan.FromSeconds(120));
                return node;
            }
            catch (InvalidOperationException) when (attempt < 3 && node.Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine dies.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
