using System.Diagnostics;
using System.Text.Json;
using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Runs;

/// <summary>Times one pipe through HTTP: sequentially, then with many concurrent clients for a
/// fixed time.</summary>
public static class QueryRun
{
    public sealed record Result(BenchQuery Query, Latencies Sequential, Latencies Concurrent, int Concurrency, double RequestsPerSecond, JsonElement FirstAnswer);

    public static async Task<Result> RunAsync(HttpClient client, BenchQuery query, int concurrency, TimeSpan duration)
    {
        var first = await GetAsync(client, query.Call(0));
        var sequential = new Latencies();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200 && (i < 5 || clock.Elapsed < duration); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, query.Call(i));
            sequential.Add(Stopwatch.GetElapsedTime(started));
        }
        var concurrent = new Latencies();
        var next = 0;
        clock.Restart();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var call = query.Call(Interlocked.Increment(ref next));
                var started = Stopwatch.GetTimestamp();
                await GetAsync(client, call);
                concurrent.Add(Stopwatch.GetElapsedTime(started));
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var rps = concurrent.Count / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"[query] {query.Label,-45} c1 p50 {sequential.P50,8:F2} ms | c{concurrency} p50 {concurrent.P50,8:F2} p99 {concurrent.P99,8:F2} ms {rps,9:N0} req/s");
        return new Result(query, sequential, concurrent, concurrency, rps, first);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, Reference.PipeCase call)
    {
        using var response = await client.GetAsync($"v0/pipes/{call.Pipe}.json?{call.Query}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{call} answered {(int)response.StatusCode}: {body}");
        }
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
