using UserAnalytics.Bench.Runs;

namespace UserAnalytics.Bench.Report;

/// <summary>The report's columns for one timed call, shared by the query and lookup tables.</summary>
public static class TimingsTable
{
    public const string Header = "c1 p50 ms | c1 p99 | cN | cN p50 ms | cN p99 ms | req/s | silo µs/req | open req/s | open p50 ms | open p99 ms | errors";

    public const string Rule = "---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:";

    public static string Cells(QueryRun.Timings t)
    {
        var open = t.Open is { } o ? $"{o.RequestsPerSecond:N0} | {o.Latencies.P50:F2} | {o.Latencies.P99:F2}" : "– | – | –";
        var cpu = t.Concurrent.SiloMicrosecondsPerRequest is { } us ? $"{us:F0}" : "–";
        var errors = t.Sequential.Errors + t.Concurrent.Errors + (t.Open?.Errors ?? 0);
        return $"{t.Sequential.Latencies.P50:F2} | {t.Sequential.Latencies.P99:F2} | {t.Concurrency} | {t.Concurrent.Latencies.P50:F2} | {t.Concurrent.Latencies.P99:F2} | {t.Concurrent.RequestsPerSecond:N0} | {cpu} | {open} | {errors}";
    }

    public static string Legend(QueryRun.OpenLoad? open) =>
        "c1: up to 200 calls one after another. cN: N clients sending back to back (closed loop), after a second of the same load untimed; " +
        "its latency is the queue (N / throughput). silo µs/req: the silo process's CPU (user and system) over the cN run, per answer. " +
        (open is null
            ? "No open-loop run."
            : $"open: {open.Rate:N0} requests a second spread over {open.Clients} connections whatever the answers do (open loop); a request held up behind a late answer counts from its due time.");
}
