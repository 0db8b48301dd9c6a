using System.Net.Http.Headers;
using UserAnalytics.Bench.Data;
using UserAnalytics.Bench.Load;
using UserAnalytics.Bench.Runs;

namespace UserAnalytics.Bench;

/// <summary>Runs one phase against a silo that is already running (for profiling it, or for
/// measuring a deployment).</summary>
public static class RunningSilo
{
    public static async Task<int> RunAsync(BenchOptions options, WorkloadOptions workload, WorkloadFiles files)
    {
        if (options.Url is null || options.Token is null)
        {
            Console.Error.WriteLine("ingest, queries and lookups need --url http://127.0.0.1:7070/ and --token (the admin token).");
            return 2;
        }
        var manifest = WorkloadGenerator.Ensure(workload, files);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 })
        {
            BaseAddress = new Uri(options.Url.EndsWith('/') ? options.Url : options.Url + "/"),
            Timeout = TimeSpan.FromMinutes(10),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        if (options.Command == "ingest")
        {
            await IngestRun.RunAsync(client, files.EventsNdjson, 0, manifest.Events, options.BatchLines, options.IngestConcurrency);
            return 0;
        }
        var silo = options.Pid is { } pid ? new ProcessCpu(pid) : ProcessCpu.FindSilo();
        var run = new QueryRun(client, new HttpTarget(client.BaseAddress, options.Token), silo, TimeSpan.FromSeconds(options.DurationSeconds));
        if (options.Command == "lookups")
        {
            foreach (var (label, path) in Workload.Lookups(manifest).Where(l => options.Only is null || l.Label.Contains(options.Only, StringComparison.Ordinal)))
            {
                await run.RunLookupAsync(label, path, options.PerUserConcurrency, options.OpenLoad);
            }
            return 0;
        }
        foreach (var query in Workload.Queries(manifest).Where(q => options.Only is null || q.Label.Contains(options.Only, StringComparison.Ordinal)))
        {
            await run.RunAsync(query, query.PerUser ? options.PerUserConcurrency : options.AggregateConcurrency, query.PerUser ? options.OpenLoad : null);
        }
        return 0;
    }
}
