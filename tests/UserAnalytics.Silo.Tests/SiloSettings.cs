namespace UserAnalytics.Silo.Tests;

/// <summary>Settings of one test silo: its own ports, data directory and admin token.</summary>
public sealed record SiloSettings(string DataDirectory, string AdminToken, int HttpPort, int SiloPort, int GatewayPort, int Shards = 8)
{
    public static SiloSettings Create(int shards = 8) => new(
        Path.Combine(Path.GetTempPath(), "ua-silo-" + Guid.NewGuid().ToString("N")),
        "test-admin-" + Guid.NewGuid().ToString("N"),
        Ports.Free(),
        Ports.Free(),
        Ports.Free(),
        shards);

    /// <summary>More configuration (key → value), e.g. <c>Checkpoints:MinInterval</c>.</summary>
    public IReadOnlyDictionary<string, string> Config { get; init; } = new Dictionary<string, string>();

    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    public Dictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["UA_HTTP_URL"] = $"http://127.0.0.1:{HttpPort}",
        ["UA_DATA_DIR"] = DataDirectory,
        ["UA_ADMIN_TOKEN"] = AdminToken,
        ["UA_SHARDS"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["UA_SILO_PORT"] = SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["UA_GATEWAY_PORT"] = GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["UA_CLUSTER_ID"] = "test-" + HttpPort,
    }.Concat(Config.Select(c => KeyValuePair.Create(c.Key.Replace(":", "__", StringComparison.Ordinal), c.Value))).ToDictionary();

    public string[] Arguments => Environment.Where(e => e.Key.StartsWith("UA_", StringComparison.Ordinal))
        .Select(e => $"--{UserAnalytics.Gateway.Hosting.UaEnvironment.Variables[e.Key]}={e.Value}")
        .Concat(Config.Select(c => $"--{c.Key}={c.Value}")).ToArray();

    public HttpClient CreateClient(bool authorized = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (authorized)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        }
        return client;
    }

    public void DeleteData()
    {
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
