using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using UserAnalytics.Differential.Tests.Data;
using UserAnalytics.Silo.Hosting;

namespace UserAnalytics.Differential.Tests;

/// <summary>One seed's world: a real silo on free loopback ports loaded with the seed's data set
/// through the HTTP API, and DuckDB holding the same rows.</summary>
public sealed class SeedEnvironment : IAsyncDisposable
{
    private readonly WebApplication _silo;
    private readonly string _dataDirectory;

    private SeedEnvironment(WebApplication silo, string dataDirectory, HttpClient client, DataSet dataSet, ReferenceDatabase database)
    {
        _silo = silo;
        _dataDirectory = dataDirectory;
        Client = client;
        DataSet = dataSet;
        Database = database;
    }

    public HttpClient Client { get; }

    public DataSet DataSet { get; }

    public ReferenceDatabase Database { get; }

    /// <summary>Loads the first half of the seed's requests, restarts the silo (a graceful stop
    /// writes checkpoints, so the restarted shards hold those rows in their sealed blocks), then
    /// loads the second half on top of them: rows, users and customers arriving after a sealed
    /// block was built, as in a long-running silo. (A shard idle for half a second compacts, so
    /// the tests mostly read the merged block; tail-only and mixed states are covered by the
    /// store's unit tests.)</summary>
    public static async Task<SeedEnvironment> StartAsync(int seed, int users)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"ua-diff-{seed}-{Guid.NewGuid():N}");
        var token = "diff-" + Guid.NewGuid().ToString("N");
        var http = FreePort();
        string[] arguments =
        [
            $"--Http:Url=http://127.0.0.1:{http}",
            $"--Storage:DataDirectory={dataDirectory}",
            $"--Auth:AdminToken={token}",
            "--Sharding:Shards=7",
            $"--Orleans:SiloPort={FreePort()}",
            $"--Orleans:GatewayPort={FreePort()}",
            $"--Orleans:ClusterId=diff-{seed}-{http}",
            "--Logging:LogLevel:Default=Warning",
        ];
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{http}/"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var dataSet = new DataSetGenerator(seed, users).Generate(seed);
        var database = new ReferenceDatabase();
        var half = dataSet.Requests.Count / 2;
        var first = SiloApp.Build(arguments);
        await first.StartAsync();
        await LoadAsync(client, database, dataSet.Requests[..half]);
        await first.StopAsync();
        await first.DisposeAsync();
        var silo = SiloApp.Build(arguments);
        await silo.StartAsync();
        await LoadAsync(client, database, dataSet.Requests[half..]);
        return new SeedEnvironment(silo, dataDirectory, client, dataSet, database);
    }

    private static async Task LoadAsync(HttpClient client, ReferenceDatabase database, IEnumerable<LoadRequest> requests)
    {
        foreach (var request in requests)
        {
            await SendAsync(client, request);
            database.Add(request.StoredRows);
        }
    }

    public async Task<JsonElement> GetAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}");
        }
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Database.Dispose();
        await _silo.StopAsync();
        await _silo.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task SendAsync(HttpClient client, LoadRequest request)
    {
        using var content = new ByteArrayContent(request.Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType);
        if (request.Gzip && request.Path.Contains("datasources", StringComparison.Ordinal))
        {
            content.Headers.ContentEncoding.Add("gzip");
        }
        using var response = await client.PostAsync(request.Path, content);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {request.Path} answered {(int)response.StatusCode}: {body}");
        }
        using var json = JsonDocument.Parse(body);
        var stored = json.RootElement.GetProperty("successful_rows").GetInt64();
        var quarantined = json.RootElement.GetProperty("quarantined_rows").GetInt64();
        if (stored != request.StoredRows.Count || quarantined != request.InvalidRows)
        {
            throw new InvalidOperationException(
                $"POST {request.Path}: expected {request.StoredRows.Count} rows stored and {request.InvalidRows} quarantined, got {body}");
        }
    }

    private static int FreePort() => UserAnalytics.Tests.Shared.TestPorts.Free();
}
