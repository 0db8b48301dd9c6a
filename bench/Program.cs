using UserAnalytics.Bench;
using UserAnalytics.Bench.Data;

// Benchmarks of UserAnalytics, side by side with DuckDB and PostgreSQL on the same data.
//   all      generate (or reuse) a data set, run ingest, freshness, queries, memory, cold start,
//            bulk load, and the peers; print the table (smoke: the same at 10k events)
//   generate write the data set only
//   ingest   stream the data set into a running silo (--url, --token)
//   queries  time every pipe against a running silo (--url, --token, --only text)
//   lookups  time the grain endpoints (profile, content, recommendation) against a running silo
//            (--url, --token, --only text)
//   micro    time the shard scans alone on one in-process store (--events N of the data set)
//   replay   time a shard's activation alone: applying log records to an empty store (--events N)
// The load generator's answers are read on the socket engine's own thread instead of a hop through
// the thread pool: the client shares the silo's two cores, and each hop costs a thread's wake-up
// (it is read once, when the first socket is made, so it is set before any).
Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
if (options.Command == "help")
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}
var workload = new WorkloadOptions(options.Events, options.Users, options.Seed);
var files = new WorkloadFiles(Path.Combine(options.DataDirectory, workload.Key));
switch (options.Command)
{
    case "generate":
        WorkloadGenerator.Ensure(workload, files);
        return 0;
    case "all":
        return await new AllRun(options, workload, files).RunAsync();
    case "micro":
        WorkloadGenerator.Ensure(workload, files);
        UserAnalytics.Bench.Runs.ScanMicro.Run(files.EventsNdjson, options.Events);
        return 0;
    case "replay":
        WorkloadGenerator.Ensure(workload, files);
        UserAnalytics.Bench.Runs.ReplayMicro.Run(files.EventsNdjson, options.Events);
        return 0;
    case "ingest" or "queries" or "lookups":
        return await RunningSilo.RunAsync(options, workload, files);
    default:
        Console.Error.WriteLine($"Unknown command '{options.Command}'.\n{BenchOptions.Usage}");
        return 2;
}
