using UserAnalytics.Tests.Shared;

namespace UserAnalytics.Silo.Tests;

/// <summary>The real Silo binary started as a child process, for tests that crash it.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private SiloProcess(ChildProcess process)
    {
        _process = process;
    }

    public string Output => _process.Output;

    public static async Task<SiloProcess> StartAsync(SiloSettings settings)
    {
        var silo = new SiloProcess(ChildProcess.Start("UserAnalytics.Silo.dll", settings.Environment));
        using var client = settings.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(2);
        await silo._process.WaitUntilHealthyAsync(client, "The silo", TimeSpan.FromSeconds(90));
        return silo;
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a power cut for the process.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: the silo stops gracefully. Returns its exit code.</summary>
    public Task<int> StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(60));

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
