using System.Diagnostics;
using System.Globalization;
using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Bench.Runs;

/// <summary>Times the shard-side scans alone on one in-process store (no HTTP, no grains), to see
/// what a scan costs per event and profile it.</summary>
public static class ScanMicro
{
    public static void Run(string ndjson, long events)
    {
        var store = new EventStore();
        var clock = Stopwatch.StartNew();
        var rows = new List<EventRow>(10_000);
        foreach (var line in File.ReadLines(ndjson).Take((int)events))
        {
            rows.Add(Parse(line));
            if (rows.Count == 10_000)
            {
                store.Apply(ShardBatch.Of(rows));
                rows.Clear();
            }
        }
        store.Apply(ShardBatch.Of(rows));
        store.Compact();
        Console.WriteLine($"[micro] loaded {store.EventCount:N0} events into one store in {clock.Elapsed.TotalSeconds:F1} s; sealed {store.Sealed.Bytes / (double)store.EventCount:F1} B/event");
        var all = EventFilter.All;
        Time("ideal loop (calibration)", () => Ideal(store), store.EventCount);
        Time("event_metrics", () => GroupScan.Run(store, new GroupQuery(all, [GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]), default).Count, store.EventCount);
        Time("time_series hour", () => GroupScan.Run(store, new GroupQuery(all, [], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration], Bucket.Hour), default).Count, store.EventCount);
        Time("content_engagement", () => GroupScan.Run(store, new GroupQuery(all with { RequireContent = true }, [GroupDimension.ContentId, GroupDimension.EventType], [GroupMeasure.Events, GroupMeasure.UniqueUsers, GroupMeasure.SumDuration]), default).Count, store.EventCount);
        Time("content affinity top 50", () => AffinityScan.Run(store, new TopQuery(all with { RequireContent = true }, 50), default).Rows.Length, store.EventCount);
        Time("session_buckets day", () => SessionBucketsScan.Run(store, new SessionBucketsQuery(all, Bucket.Day), default).Count, store.EventCount);
        Time("sessions top 50", () => SessionScan.Run(store, new SessionsQuery(all, 50), default).Rows.Length, store.EventCount);
        Time("funnel 4 steps", () => FunnelScan.Run(store, new FunnelQuery(all with { EventTypes = ["page_view", "add_to_cart", "checkout", "purchase"] }, ["page_view", "add_to_cart", "checkout", "purchase"], 604_800_000), default).Count, store.EventCount);
    }

    /// <summary>The floor: event_metrics written as one loop over the sealed block's arrays.</summary>
    private static int Ideal(EventStore store)
    {
        var sealedEvents = store.Sealed;
        var types = sealedEvents.Codes[(int)EventColumn.EventType];
        var size = store.Pool(EventColumn.EventType).Count;
        var events = new long[size];
        var users = new long[size];
        var last = new int[size];
        var durations = new double[size];
        Array.Fill(last, -1);
        var starts = sealedEvents.UserStart;
        var scratch = Array.Empty<double>();
        for (var u = 0; u + 1 < starts.Length; u++)
        {
            var run = sealedEvents.Durations.Slice(starts[u], starts[u + 1] - starts[u], ref scratch).Span;
            for (var i = starts[u]; i < starts[u + 1]; i++)
            {
                var g = types[i];
                events[g]++;
                if (last[g] != u)
                {
                    last[g] = u;
                    users[g]++;
                }
                durations[g] += run[i - starts[u]];
            }
        }
        return (int)events.Sum() / 1000;
    }

    private static void Time(string name, Func<int> scan, long events)
    {
        var result = 0;
        for (var i = 0; i < 3; i++)
        {
            result = scan();
        }
        var clock = Stopwatch.StartNew();
        var runs = 0;
        while (clock.Elapsed < TimeSpan.FromSeconds(2) || runs < 3)
        {
            scan();
            runs++;
        }
        var ms = clock.Elapsed.TotalMilliseconds / runs;
        Console.WriteLine($"[micro] {name,-22} {ms,8:F2} ms  {ms * 1e6 / events,6:F1} ns/event  ({result} groups/rows)");
    }

    internal static EventRow Parse(string line)
    {
        var e = System.Text.Json.JsonDocument.Parse(line).RootElement;
        string S(string name) => e.TryGetProperty(name, out var v) ? v.GetString() ?? string.Empty : string.Empty;
        double D(string name) => e.TryGetProperty(name, out var v) ? v.GetDouble() : 0;
        var ts = DateTimeOffset.ParseExact(S("timestamp"), "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();
        return new EventRow(S("event_id"), S("user_id"), S("session_id"), S("event_type"), ts, S("page"), S("referrer"), S("os"), S("browser"),
            S("platform"), S("country"), S("region"), S("city"), S("device"), D("duration"), S("content_id"), S("recommendation_id"), D("event_value"),
            S("product_id"), S("category"), S("properties"));
    }
}
