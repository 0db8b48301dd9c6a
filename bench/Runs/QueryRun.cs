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
    /// up to 200 sequential calls, then <paramref name="concurrency"/> clients for <paramref name="duration"/>.
    /// Only the first answer, untimed, is parsed (the report compares it with the peers'); a timed
    /// call reads every byte of its answer but parses none, since the client shares the silo's two
    /// cores and parsing 27 KB timelines at 10k a second took a good part of one.</summary>
    public static async Task<(JsonElement First, Latencies Sequential, Latencies Concurrent, double RequestsPerSecond, int Errors)> TimeAsync(
        HttpClient client, Func<int, string> path, int concurrency, TimeSpan duration)
    {
        var first = await GetAsync(client, path(0));
        var sequential = new Latencies();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200 && (i < 5 || clock.Elapsed < duration); i++)
        {
            var started = Stopwatch.GetTimestamp();
            await ReadAsync(client, path(i));
            sequential.Add(Stopwatch.GetElapsedTime(started));
        }
        // A second at full concurrency first, not timed: a silo's hot paths are still being
        // compiled to their final tier during its first seconds under a new load (user_event_timeline
        // on a restarted silo: 6.0-6.2k req/s in its first two 3-s rounds, 11-12.6k from the third).
        var next = 0;
        await LoadAsync(Warmup(duration), null);
        var concurrent = new Latencies();
        var (seconds, errors) = await LoadAsync(duration, concurrent);
        return (first, sequential, concurrent, concurrent.Count / seconds, errors);

        async Task<(double Seconds, int Errors)> LoadAsync(TimeSpan length, Latencies? latencies)
        {
            var errors = 0;
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (clock.Elapsed < length)
                {
                    var call = path(Interlocked.Increment(ref next));
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        await ReadAsync(client, call);
                        latencies?.Add(Stopwatch.GetElapsedTime(started));
                    }
                    catch (InvalidOperationException)
                    {
                        // Overloaded (a 503 after the grain call timeout): counted, not fatal.
                        Interlocked.Increment(ref errors);
                    }
                }
            })).ToArray();
            await Task.WhenAll(workers);
            return (clock.Elapsed.TotalSeconds, errors);
        }
    }

    /// <summary>The untimed load before a timed one: a second, or a third of a short run (the smoke run's).</summary>
    private static TimeSpan Warmup(TimeSpan duration) => duration < TimeSpan.FromSeconds(3) ? duration / 3 : TimeSpan.FromSeconds(1);

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

    /// <summary>A timed call: the whole answer read, and a failure named, without parsing it.</summary>
    private static async Task ReadAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }
}
