using System.Text.Json;
using UserAnalytics.Bench.Load;

namespace UserAnalytics.Bench.Runs;

/// <summary>Times one pipe or grain endpoint through HTTP: sequentially, with many clients back to
/// back for a fixed time, and (per-user pipes and lookups) at a fixed rate.</summary>
public sealed class QueryRun
{
    /// <summary>Requests prepared per run; per-user runs cycle over the sample users with them.</summary>
    private const int PreparedRequests = 4096;
    private readonly HttpClient _client;
    private readonly HttpTarget _target;
    private readonly ProcessCpu? _silo;
    private readonly TimeSpan _duration;

    /// <param name="client">Fetches the first answer, which is parsed (the report compares it with the peers').</param>
    /// <param name="target">Where the timed requests go, on the bench's own lean connections.</param>
    /// <param name="silo">The silo's process, for its CPU per request; null when it is not on this machine.</param>
    /// <param name="duration">Length of each timed concurrent run.</param>
    public QueryRun(HttpClient client, HttpTarget target, ProcessCpu? silo, TimeSpan duration)
    {
        _client = client;
        _target = target;
        _silo = silo;
        _duration = duration;
    }

    public sealed record Result(BenchQuery Query, Timings Timings, JsonElement FirstAnswer);

    /// <summary>What one call was timed at.</summary>
    /// <param name="Sequential">Up to 200 calls one after another.</param>
    /// <param name="Concurrent">Clients back to back (closed loop).</param>
    /// <param name="Concurrency">How many clients <paramref name="Concurrent"/> had.</param>
    /// <param name="Open">A fixed rate over the open-loop clients, when asked for.</param>
    public sealed record Timings(LoadResult Sequential, LoadResult Concurrent, int Concurrency, LoadResult? Open);

    public async Task<Result> RunAsync(BenchQuery query, int concurrency, OpenLoad? open)
    {
        var first = await GetAsync(PathOf(query.Call(0)));
        var timings = await TimeAsync(i => PathOf(query.Call(i)), concurrency, open);
        Console.WriteLine($"[query] {query.Label,-45} {Describe(timings)}");
        return new Result(query, timings, first);
    }

    /// <summary>Times one grain endpoint (a lookup) like a per-user pipe, and prints its line.</summary>
    public async Task<Timings> RunLookupAsync(string label, Func<int, string> path, int concurrency, OpenLoad? open)
    {
        await GetAsync(path(0));
        var timings = await TimeAsync(path, concurrency, open);
        Console.WriteLine($"[lookup] {label,-44} {Describe(timings)}");
        return timings;
    }

    /// <summary>The query's first call (the one the peers run) <paramref name="calls"/> times one
    /// after another, after <paramref name="untimed"/> calls that are not timed.</summary>
    public async Task<LoadResult> RepeatFirstCallAsync(BenchQuery query, int untimed, int calls)
    {
        var requests = _target.Requests(_ => PathOf(query.Call(0)), 1);
        if (untimed > 0)
        {
            await LoadRun.SequentialAsync(_target, requests, untimed, TimeSpan.MaxValue, null);
            // The runtime compiles a method's final code in the background once it has been
            // called 30 times; a freshly started silo's first calls of a pipe run its first-tier
            // code (create_user_segment: 16 ms a call after 5 calls, 3.4 ms warm).
            await Task.Delay(TierUpPause);
        }
        return await LoadRun.SequentialAsync(_target, requests, calls, TimeSpan.MaxValue, null);
    }

    private static readonly TimeSpan TierUpPause = TimeSpan.FromMilliseconds(300);

    /// <summary>The rate and clients of an open-loop run.</summary>
    public sealed record OpenLoad(double Rate, int Clients);

    private async Task<Timings> TimeAsync(Func<int, string> path, int concurrency, OpenLoad? open)
    {
        var requests = _target.Requests(path, PreparedRequests);
        var sequential = await LoadRun.SequentialAsync(_target, requests, 200, _duration, _silo);
        // A second at full concurrency first, not timed: a silo's hot paths are still being
        // compiled to their final tier during its first seconds under a new load (user_event_timeline
        // on a restarted silo: 6.0-6.2k req/s in its first two 3-s rounds, 11-12.6k from the third).
        await LoadRun.ClosedAsync(_target, requests, concurrency, Warmup, null);
        var concurrent = await LoadRun.ClosedAsync(_target, requests, concurrency, _duration, _silo);
        var fixedRate = open is null ? null : await LoadRun.OpenAsync(_target, requests, open.Clients, open.Rate, _duration, _silo);
        return new Timings(sequential, concurrent, concurrency, fixedRate);
    }

    private static string Describe(Timings t)
    {
        var line = $"c1 p50 {t.Sequential.Latencies.P50,6:F2} ms | c{t.Concurrency} p50 {t.Concurrent.Latencies.P50,6:F2} p99 {t.Concurrent.Latencies.P99,6:F2} ms {t.Concurrent.RequestsPerSecond,8:N0} req/s{Cpu(t.Concurrent)}";
        if (t.Open is { } open)
        {
            line += $" | {open.RequestsPerSecond:N0}/s open: p50 {open.Latencies.P50:F2} p99 {open.Latencies.P99:F2} ms{Cpu(open)}";
        }
        var errors = t.Sequential.Errors + t.Concurrent.Errors + (t.Open?.Errors ?? 0);
        var firstError = t.Sequential.FirstError ?? t.Concurrent.FirstError ?? t.Open?.FirstError;
        return errors > 0 ? $"{line}, {errors} errors (first: {firstError})" : line;
    }

    private static string Cpu(LoadResult r) => r.SiloMicrosecondsPerRequest is { } us ? $" ({us:F0} µs silo CPU each)" : string.Empty;

    /// <summary>The untimed load before a timed one: a second, or a third of a short run (the smoke run's).</summary>
    private TimeSpan Warmup => _duration < TimeSpan.FromSeconds(3) ? _duration / 3 : TimeSpan.FromSeconds(1);

    private static string PathOf(Reference.PipeCase call) => $"v0/pipes/{call.Pipe}.json?{call.Query}";

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {body}");
        }
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
