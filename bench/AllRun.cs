using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using UserAnalytics.Bench.Data;
using UserAnalytics.Bench.Hosting;
using UserAnalytics.Bench.Load;
using UserAnalytics.Bench.Peers;
using UserAnalytics.Bench.Report;
using UserAnalytics.Bench.Runs;
using UserAnalytics.Reference;

namespace UserAnalytics.Bench;

/// <summary>The whole benchmark, phase after phase (never two at once: they share two cores).</summary>
public sealed class AllRun
{
    private const long MemoryCheckpoint = 1_000_000;
    private readonly BenchOptions _options;
    private readonly WorkloadOptions _workload;
    private readonly WorkloadFiles _files;
    private readonly StringBuilder _report = new();

    public AllRun(BenchOptions options, WorkloadOptions workload, WorkloadFiles files)
    {
        _options = options;
        _workload = workload;
        _files = files;
    }

    public async Task<int> RunAsync()
    {
        var manifest = WorkloadGenerator.Ensure(_workload, _files);
        Line($"# UserAnalytics benchmark — {manifest.Events:N0} events, {manifest.Users:N0} users, seed {_workload.Seed}");
        Line();
        Line($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} cores; {MemoryGiB():F0} GiB; .NET {Environment.Version}; {_options.Shards} shards; command: `{Environment.CommandLine}`");
        Line();
        var dataDirectory = Path.GetFullPath(Path.Combine(_options.DataDirectory, "silo-" + Guid.NewGuid().ToString("N")[..8]));
        var port = BenchSilo.FreePort();
        var token = "bench-" + Guid.NewGuid().ToString("N");
        var (silo, startedIn) = await BenchSilo.StartAsync(dataDirectory, _options.Shards, port, token);
        List<QueryRun.Result> queries;
        try
        {
            using var client = silo.CreateClient();
            var run = new QueryRun(client, new HttpTarget(new Uri(silo.Url), silo.Token), new ProcessCpu(silo.ProcessId), TimeSpan.FromSeconds(_options.DurationSeconds));
            await Task.Delay(1000);
            var idle = silo.ResidentBytes();
            Line("## Ingest (Events API, NDJSON, durable before the 202)");
            Line();
            Line("| events | batch | clients | events/s | MB/s | 202 p50 ms | 202 p99 ms | resident 2 s after | bytes/event | resident settled | bytes/event settled |");
            Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var first = Math.Min(MemoryCheckpoint, manifest.Events);
            await IngestPhase(client, silo, 0, first, idle);
            if (manifest.Events > first)
            {
                await IngestPhase(client, silo, first, manifest.Events - first, idle);
            }
            Line($"\nIdle silo before ingest: {idle / 1e6:F0} MB resident; started in {startedIn.TotalSeconds:F1} s.");
            Line();
            await BulkSmallSources(client);

            queries = [];
            foreach (var query in Workload.Queries(manifest))
            {
                var concurrency = query.PerUser ? _options.PerUserConcurrency : _options.AggregateConcurrency;
                queries.Add(await run.RunAsync(query, concurrency, query.PerUser ? _options.OpenLoad : null));
            }

            await Lookups(run, manifest);
            await MemoryAfterQueries(silo, idle, manifest.Events);

            // After the queries: the probe events would change their answers.
            var freshness = await FreshnessRun.RunAsync(client, _options.Events <= 10_000 ? 20 : 200);
            Line("## Freshness (202 without wait → visible in user_event_timeline)");
            Line();
            Line($"p50 {freshness.P50:F2} ms, p99 {freshness.P99:F2} ms over {freshness.Count} events.");
            Line();
            await ColdStart(silo, dataDirectory, port, token, manifest);
        }
        finally
        {
            await silo.DisposeAsync();
        }

        await PeersAndTable(queries, dataDirectory, port, token);
        await BulkEvents(manifest);
        TryDelete(dataDirectory);

        var path = _options.Report ?? Path.Combine(_options.DataDirectory, $"report-{_workload.Key}-{DateTime.UtcNow:yyyyMMdd-HHmm}.md");
        File.WriteAllText(path, _report.ToString());
        Console.WriteLine($"\nReport written to {path}");
        return 0;
    }

    /// <summary>Resident memory once every pipe has run: the tables the session and pair scans keep
    /// beside a sealed block count here, and the garbage of the queries once the silo's quiet-time
    /// compaction has given it back (75 s: a quiet moment between two pipes may have had one, and
    /// the next waits a minute).</summary>
    private async Task MemoryAfterQueries(BenchSilo silo, long idle, long events)
    {
        var right = silo.ResidentBytes();
        var wait = _options.Events <= 10_000 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(75);
        Console.WriteLine($"[memory] after the queries: {right / 1e6:F0} MB resident; waiting {wait.TotalSeconds:F0} s for it to settle");
        await Task.Delay(wait);
        var settled = silo.ResidentBytes();
        Line("## Memory after the queries");
        Line();
        Line($"Right after every pipe has run: {right / 1e6:N0} MB resident ({right / (double)events:F0} B/event); " +
            $"{wait.TotalSeconds:F0} s later: **{settled / 1e6:N0} MB** ({settled / (double)events:F0} B/event whole, {(settled - idle) / (double)events:F0} B/event beyond the idle silo).");
        Line();
    }

    /// <summary>The grain endpoints personalisation calls: one grain answers each, so they are
    /// timed like the per-user pipes (no peer runs them: they have no reference SQL).</summary>
    private async Task Lookups(QueryRun run, WorkloadManifest manifest)
    {
        Line("## Lookups (one grain each)");
        Line();
        Line($"| endpoint | {TimingsTable.Header} |");
        Line($"|---|{TimingsTable.Rule}|");
        foreach (var (label, path) in Workload.Lookups(manifest))
        {
            var timings = await run.RunLookupAsync(label, path, _options.PerUserConcurrency, _options.OpenLoad);
            Line($"| {label} | {TimingsTable.Cells(timings)} |");
        }
        Line();
        Line(TimingsTable.Legend(_options.OpenLoad));
        Line();
    }

    private TimeSpan SettleTime => TimeSpan.FromSeconds(_options.Events <= 10_000 ? 1 : 12);

    private async Task IngestPhase(HttpClient client, BenchSilo silo, long skip, long count, long idle)
    {
        var result = await IngestRun.RunAsync(client, _files.EventsNdjson, skip, count, _options.BatchLines, _options.IngestConcurrency);
        await Task.Delay(2000);
        var resident = silo.ResidentBytes();
        // Settled: once the shards have compacted their tails and the silo has given back what the
        // burst used transiently (it reclaims within seconds of going quiet).
        await Task.Delay(SettleTime);
        var settled = silo.ResidentBytes();
        var stored = skip + result.Events;
        Line($"| {stored:N0} | {_options.BatchLines} | {_options.IngestConcurrency} | {result.EventsPerSecond:N0} | {result.MegabytesPerSecond:F1} | {result.Latencies.P50:F1} | {result.Latencies.P99:F1} | " +
            $"{resident / 1e6:N0} MB | {(resident - idle) / (double)stored:F0} | {settled / 1e6:N0} MB | {(settled - idle) / (double)stored:F0} |");
    }

    private async Task BulkSmallSources(HttpClient client)
    {
        await BulkRun.RunAsync(client, "customers", _files.CustomersCsv);
        await BulkRun.RunAsync(client, "user_segments", _files.SegmentsCsv);
    }

    private async Task BulkEvents(WorkloadManifest manifest)
    {
        var dataDirectory = Path.GetFullPath(Path.Combine(_options.DataDirectory, "bulk-" + Guid.NewGuid().ToString("N")[..8]));
        var (silo, _) = await BenchSilo.StartAsync(dataDirectory, _options.Shards, BenchSilo.FreePort(), "bulk-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var client = silo.CreateClient();
            var result = await BulkRun.RunAsync(client, "user_events", _files.EventsCsv);
            // A client that retries an upload it saw fail sends every row again; each is then a
            // repeat, stored once.
            var again = await BulkRun.RunAsync(client, "user_events", _files.EventsCsv);
            var stored = await EventsWhenLoadedAsync(client);
            Line("## Bulk load (Data Sources API, one streamed CSV upload into an empty silo)");
            Line();
            Line($"{result.Rows:N0} rows in {result.Elapsed.TotalSeconds:F1} s: **{result.RowsPerSecond:N0} rows/s** ({new FileInfo(_files.EventsCsv).Length / 1e6 / result.Elapsed.TotalSeconds:F1} MB/s).");
            Line();
            Line($"The same file sent again, every row a repeat: {again.Elapsed.TotalSeconds:F1} s, {again.RowsPerSecond:N0} rows/s; " +
                $"events stored after both uploads: {stored:N0} ({(stored == manifest.Events ? "each once" : $"expected {manifest.Events:N0}")}).");
            Line();
        }
        finally
        {
            await silo.DisposeAsync();
            TryDelete(dataDirectory);
        }
    }

    private async Task ColdStart(BenchSilo silo, string dataDirectory, int port, string token, WorkloadManifest manifest)
    {
        // A graceful stop saves every shard's checkpoint; the restart loads them and replays only
        // the log after them. Then once more without checkpoints: the whole log replayed, which is
        // what a crash during sustained ingest (no idle moment to checkpoint in) costs.
        await silo.StopAsync();
        Line("## Cold start (restart on the same data directory)");
        Line();
        Line("| restart | HTTP ready s | first answer over every event s | load ≈ s | resident | bytes/event |");
        Line("|---|---:|---:|---:|---:|---:|");
        await RestartAsync("from checkpoints (after a graceful stop)", dataDirectory, port, token, manifest);
        // The data directory is absolute: the silo runs in its own working directory.
        Directory.Delete(Path.Combine(dataDirectory, "checkpoints"), recursive: true);
        await RestartAsync("whole log replayed (no checkpoint)", dataDirectory, port, token, manifest);
        Line();
    }

    private async Task RestartAsync(string label, string dataDirectory, int port, string token, WorkloadManifest manifest)
    {
        var clock = Stopwatch.StartNew();
        var (restarted, healthyIn) = await BenchSilo.StartAsync(dataDirectory, _options.Shards, port, token);
        await using (restarted)
        {
            using var client = restarted.CreateClient();
            var total = await EventsWhenLoadedAsync(client);
            var loaded = clock.Elapsed;
            await Task.Delay(SettleTime);
            var resident = restarted.ResidentBytes();
            Console.WriteLine($"[cold start] {label}: {loaded.TotalSeconds:F1} s, {resident / 1e6:F0} MB resident");
            Line($"| {label} | {healthyIn.TotalSeconds:F1} | **{loaded.TotalSeconds:F1}** | {(loaded - healthyIn).TotalSeconds:F1} | {resident / 1e6:N0} MB | {resident / (double)total:F0} |");
            if (total < manifest.Events)
            {
                throw new InvalidOperationException($"After the restart only {total} of {manifest.Events} events are visible.");
            }
        }
    }

    private async Task PeersAndTable(List<QueryRun.Result> queries, string dataDirectory, int port, string token)
    {
        var peers = new List<(IPeer Peer, Dictionary<string, (double Ms, ReferenceResult Result)> Times)>();
        var duck = new DuckDbPeer(Environment.ProcessorCount);
        peers.Add((duck, []));
        if (!_options.SkipPostgres)
        {
            if (_options.Postgres is null)
            {
                throw new InvalidOperationException("PostgreSQL: pass --pg \"Host=127.0.0.1;Port=…;Username=…;Password=…;Database=…\" (deploy/postgres.sh start prints it) or --no-postgres.");
            }
            peers.Add((new PostgresPeer(_options.Postgres), []));
        }
        Line("## Peers' load");
        Line();
        var paired = new Dictionary<string, double>();
        foreach (var (peer, times) in peers)
        {
            var loaded = await peer.LoadAsync(_files);
            Line($"- {peer.Name}: loaded and materialized (sessions, latest versions, indexes) in {loaded.TotalSeconds:F1} s.");
            if (peer == duck)
            {
                await TimePairedWithDuckDb(queries, duck, times, paired, dataDirectory, port, token);
            }
            else
            {
                foreach (var query in queries)
                {
                    var samples = new List<double>();
                    ReferenceResult? result = null;
                    for (var i = 0; i < _options.PeerRepeats; i++)
                    {
                        (var ms, result) = await TimePeer(peer, query);
                        samples.Add(ms);
                    }
                    times[query.Query.Label] = (Median(samples), result!);
                    Console.WriteLine($"[{peer.Name}] {query.Query.Label,-45} {times[query.Query.Label].Ms,10:F1} ms");
                }
            }
            await peer.DisposeAsync();
        }
        Line();
        Line("## Queries (through HTTP; peers run the reference SQL of the same pipe in process / over a local socket)");
        Line();
        var header = new StringBuilder($"| pipe | {TimingsTable.Header} |");
        var rule = new StringBuilder($"|---|{TimingsTable.Rule}|");
        foreach (var (peer, _) in peers)
        {
            header.Append($" {peer.Name} ms | ours/{peer.Name} |");
            rule.Append("---:|---:|");
            if (peer == duck)
            {
                header.Append(" ours beside DuckDB ms | paired ours/DuckDB |");
                rule.Append("---:|---:|");
            }
        }
        header.Append(" same answer |");
        rule.Append("---|");
        Line(header.ToString());
        Line(rule.ToString());
        foreach (var q in queries)
        {
            var row = new StringBuilder($"| {q.Query.Label} | {TimingsTable.Cells(q.Timings)} |");
            foreach (var (peer, times) in peers)
            {
                var peerMs = times[q.Query.Label].Ms;
                row.Append(CultureInfo.InvariantCulture, $" {peerMs:F1} | {q.Timings.Sequential.Latencies.P50 / peerMs:F3} |");
                if (peer == duck)
                {
                    var ours = paired[q.Query.Label];
                    row.Append(CultureInfo.InvariantCulture, $" {ours:F2} | {ours / peerMs:F3} |");
                }
            }
            row.Append(' ').Append(SameAnswer(q, peers[0].Times[q.Query.Label].Result)).Append(" |");
            Line(row.ToString());
        }
        Line();
        Line(TimingsTable.Legend(_options.OpenLoad));
        Line();
        Line($"ours/DuckDB and ours/PostgreSQL: our c1 p50 above over the peer's median of {_options.PeerRepeats}, timed minutes apart. Paired: the same call, " +
            $"ours (p50 of {PairedCalls} calls one after another, after {PairedUntimed} untimed) and DuckDB's (one run) taken in turn, {_options.PeerRepeats} times, " +
            "on the silo restarted on the same data; each side's median of its rounds. The machine's speed changes by a third within minutes, and this ratio sees both sides at the same minute.");
        Line();
    }

    private const int PairedCalls = 10;
    private const int PairedUntimed = 40;

    /// <summary>DuckDB's timings, each run beside ours of the same call at the same minute: the
    /// silo is started again on the benchmark's data directory while DuckDB holds the data.</summary>
    private async Task TimePairedWithDuckDb(
        List<QueryRun.Result> queries, DuckDbPeer duck, Dictionary<string, (double Ms, ReferenceResult Result)> times,
        Dictionary<string, double> paired, string dataDirectory, int port, string token)
    {
        var (silo, _) = await BenchSilo.StartAsync(dataDirectory, _options.Shards, port, token);
        await using (silo)
        {
            using var client = silo.CreateClient();
            await EventsWhenLoadedAsync(client);
            var run = new QueryRun(client, new HttpTarget(new Uri(silo.Url), silo.Token), null, TimeSpan.FromSeconds(_options.DurationSeconds));
            foreach (var query in queries)
            {
                var (ours, theirs) = (new List<double>(), new List<double>());
                ReferenceResult? result = null;
                for (var i = 0; i < _options.PeerRepeats; i++)
                {
                    var timed = await run.RepeatFirstCallAsync(query.Query, i == 0 ? PairedUntimed : 0, PairedCalls);
                    ours.Add(timed.Latencies.P50);
                    (var ms, result) = await TimePeer(duck, query);
                    theirs.Add(ms);
                }
                times[query.Query.Label] = (Median(theirs), result!);
                paired[query.Query.Label] = Median(ours);
                Console.WriteLine($"[{duck.Name}] {query.Query.Label,-45} {times[query.Query.Label].Ms,10:F1} ms; ours beside it {paired[query.Query.Label]:F2} ms");
            }
        }
    }

    /// <summary>The events a silo holds, asked of event_metrics: it asks every shard, so it
    /// answers once every shard has loaded.</summary>
    private static async Task<long> EventsWhenLoadedAsync(HttpClient client)
    {
        var body = await client.GetStringAsync("v0/pipes/event_metrics.json");
        return JsonSerializer.Deserialize<JsonElement>(body).GetProperty("data").EnumerateArray().Sum(r => r.GetProperty("event_count").GetInt64());
    }

    private static async Task<(double Ms, ReferenceResult Result)> TimePeer(IPeer peer, QueryRun.Result query)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await peer.QueryAsync(query.Query.Representative);
        return (Stopwatch.GetElapsedTime(started).TotalMilliseconds, result);
    }

    private static double Median(List<double> samples) => samples.Order().ElementAt(samples.Count / 2);

    /// <summary>Whether our first answer equals DuckDB's for the same call (create_user_segment: the member count).</summary>
    private static string SameAnswer(QueryRun.Result ours, ReferenceResult reference)
    {
        if (ours.Query.Pipe == "create_user_segment")
        {
            var count = ours.FirstAnswer.GetProperty("data")[0].GetProperty("user_count").GetInt64();
            return count == reference.Rows.Count ? "yes" : $"no ({count} vs {reference.Rows.Count})";
        }
        // Durations here are arbitrary decimals, so sums depend on the order of addition (ours per
        // user, DuckDB's per thread) and a rounded average may move by one cent.
        var difference = ResultComparer.Compare(ours.FirstAnswer, reference, tolerance: 0.0100001);
        if (difference is not null)
        {
            Console.WriteLine($"[answers] {ours.Query.Label} differs from DuckDB: {difference}");
        }
        return difference is null ? "yes" : "no: " + difference.Split('\n')[0];
    }

    private void Line(string text = "")
    {
        _report.AppendLine(text);
        Console.WriteLine(text);
    }

    private static double MemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
