using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace UserAnalytics.Bench.Hosting;

/// <summary>The real silo binary as a child process on loopback, as an operator would run it.</summary>
public sealed class BenchSilo : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private BenchSilo(Process process, string url, string token)
    {
        _process = process;
        Url = url;
        Token = token;
    }

    public string Url { get; }

    public string Token { get; }

    public int ProcessId => _process.Id;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public static async Task<(BenchSilo Silo, TimeSpan StartedIn)> StartAsync(string dataDirectory, int shards, int httpPort, string token)
    {
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "UserAnalytics.Silo.dll") },
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["UA_HTTP_URL"] = $"http://127.0.0.1:{httpPort}";
        start.Environment["UA_DATA_DIR"] = dataDirectory;
        start.Environment["UA_ADMIN_TOKEN"] = token;
        start.Environment["UA_SHARDS"] = shards.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["UA_SILO_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["UA_GATEWAY_PORT"] = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var silo = new BenchSilo(Process.Start(start)!, $"http://127.0.0.1:{httpPort}/", token);
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        using var client = silo.CreateClient(TimeSpan.FromSeconds(2));
        while (true)
        {
            if (silo._process.HasExited)
            {
                throw new InvalidOperationException($"The silo exited:\n{silo.Log}");
            }
            try
            {
                using var response = await client.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return (silo, started.Elapsed);
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
    }

    public HttpClient CreateClient(TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        var client = new HttpClient(handler) { BaseAddress = new Uri(Url), Timeout = timeout ?? TimeSpan.FromMinutes(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Resident memory of the silo process, in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            }
        }
        return 0;
    }

    /// <summary>A graceful stop (SIGTERM), as systemd would.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
