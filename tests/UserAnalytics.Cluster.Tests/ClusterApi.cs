using System.Text.Json;

namespace UserAnalytics.Cluster.Tests;

/// <summary>What the cluster tests ask a running cluster over HTTP.</summary>
internal static class ClusterApi
{
    public static async Task<Dictionary<string, int>> StoredEventIdsAsync(HttpClient gateway, string[] users)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var timeline = await PipeAsync(gateway, $"user_event_timeline.json?user_id={user}&limit=1000000");
            foreach (var row in timeline.GetProperty("data").EnumerateArray())
            {
                var id = row.GetProperty("event_id").GetString()!;
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        return counts;
    }

    public static async Task WaitForAllShardsAsync(HttpClient gateway)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await PlacementAsync(gateway);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500);
            }
        }
    }

    /// <summary>Shard number → the silo it is active on, from the admin stats.</summary>
    public static async Task<Dictionary<int, string>> PlacementAsync(HttpClient gateway)
    {
        using var response = await gateway.GetAsync("v0/admin/stats");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"stats answered {(int)response.StatusCode}: {body}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("shards").EnumerateArray().ToDictionary(s => s.GetProperty("shard").GetInt32(), s => s.GetProperty("silo").GetString()!);
    }

    public static async Task<JsonElement> PipeAsync(HttpClient gateway, string pathAndQuery)
    {
        using var response = await gateway.GetAsync("v0/pipes/" + pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{pathAndQuery} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
