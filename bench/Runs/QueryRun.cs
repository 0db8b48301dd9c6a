using System.Diagnostics;
using System.Text.Json;
using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Runs;

/// <summary>Times one pipe through HTTP: sequentially, then with many concurrent clients for a
/// fixed time.</summary>
public static class QueryRun
{
    public sealed record Result(BenchQuery Query, Latencies Sequential, Latencies Concurrent, int Concurrency, double RequestsPerSecond, JsonElement FirstAnswer, int Errors);

    public static async Task<Result> RunAsync(HttpClient client, BenchQuery query, int concurrency, TimeSpan duration)
    {
        var (first, sequential, concurrent, rps, errors) = await TimeAsync(client, i => PathOf(query.Call(i)), concurrency, duration);
        Console.WriteLine($"[query] {query.Label,-45} c1 p50 {sequential.P50,8:F2} ms | c{concurrency} p50 {concurrent.P50,8:F2} p99 {concurrent.P99,8:F2} ms {rps,9:N0} req/s{(errors > 0 ? $", {errors} errors" : string.Empty)}");
        return new Result(query, sequential, concurrent, concurrency, rps, first, errors);
    }

    /// <summary>Times one grain endpoint (a lookup) like a per-user pipe, and prints its line.</summary>
    public static async Task<(Latencies Sequential, Latencies Concurrent, double RequestsPerSecond, int Errors)> RunLookupAsync(
        HttpClient client, string label, Func<int, string> path, int concurrency, TimeSpan duration)
    {
        var (_, sequential, concurrent, rps, errors) = await TimeAsync(client, path, concurrency, duration);
        Console.WriteLine($"[lookup] {label,-44} c1 p50 {sequential.P50,8:F2} ms | c{concurrency} p50 {concurrent.P50,8:F2} p99 {concurrent.P99,8:F2} ms {rps,9:N0} req/s{(errors > 0 ? $", {errors} errors" : string.Empty)}");
        return (sequential, concurrent, rps, errors);
    }

    /// <summary>Times GET requests of any path (the i-th request asks <paramref name="path"/>(i)):
    /// up to 200 sequential calls, then <paramref name="concurrency"/> clients for <paramref name="duration"/>.</summary>
    public static async Task<(JsonElement First, Latencies Sequential, Latencies Concurrent, double RequestsPerSecond, int Errors)> TimeAsync(
        HttpClient client, Func<int, string> path, int concurrency, TimeSpan duration)
    {
        var first = await GetAsync(client, path(0));
        var sequential = new Latencies();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200 && (i < 5 || clock.Elapsed < duration); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, path(i));
            sequential.Add(Stopwatch.GetElapsedTime(started));
        }
        var concurrent = new Latencies();
        var next = 0;
        var errors = 0;
        clock.Restart();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < duration)
            {
                var call = path(Interlocked.Increment(ref next));
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await GetAsync(client, call);
                    concurrent.Add(Stopwatch.GetElapsedTime(started));
                }
                catch (InvalidOperationException)
                {
                    // Overloaded (a 503 after the grain call timeout): counted, not fatal.
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (first, sequential, concurrent, concurrent.Count / clock.Elapsed.TotalSeconds, errors);
    }

    private static string PathOf(Reference.PipeCase call) => $"v0/pipes/{call.Pipe}.json?{call.Query}";

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body}");
        }
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
