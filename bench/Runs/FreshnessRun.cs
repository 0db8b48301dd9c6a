using System.Diagnostics;
using System.Text;
using System.Text.Json;
using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Runs;

/// <summary>Time from a 202 (no <c>wait</c>) until the event is visible in a pipe: post one event for
/// a fresh user, then poll <c>user_event_timeline</c> for it.</summary>
public static class FreshnessRun
{
    public static async Task<Latencies> RunAsync(HttpClient client, int samples)
    {
        var latencies = new Latencies();
        for (var i = 0; i < samples; i++)
        {
            var user = $"fresh-{Guid.NewGuid():N}";
            var line = $"{{\"event_id\":\"f{i}\",\"user_id\":\"{user}\",\"event_type\":\"page_view\",\"timestamp\":\"2025-02-01 12:00:00\"}}";
            using (var response = await client.PostAsync("v0/events?name=user_events", new StringContent(line, Encoding.UTF8)))
            {
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}");
                }
            }
            var acknowledged = Stopwatch.GetTimestamp();
            while (true)
            {
                var body = await client.GetStringAsync($"v0/pipes/user_event_timeline.json?user_id={user}");
                if (JsonSerializer.Deserialize<JsonElement>(body).GetProperty("rows").GetInt32() == 1)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(acknowledged));
                    break;
                }
                if (Stopwatch.GetElapsedTime(acknowledged) > TimeSpan.FromSeconds(10))
                {
                    throw new TimeoutException($"event of {user} not visible 10 s after its 202");
                }
            }
        }
        Console.WriteLine($"[freshness] {samples} samples: p50 {latencies.P50:F2} ms, p99 {latencies.P99:F2} ms");
        return latencies;
    }
}
