using System.Diagnostics;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Bench.Runs;

/// <summary>Times what a shard does when it activates, alone: applying its log's records to an
/// empty store and compacting it, with records of the size ingest writes (a request's events for
/// one shard). No file or database read: the cost measured is decoding and building.</summary>
public static class ReplayMicro
{
    private const int EventsPerRecord = 250;

    public static void Run(string ndjson, long events)
    {
        var records = new List<byte[]>();
        var rows = new List<EventRow>(EventsPerRecord);
        foreach (var line in File.ReadLines(ndjson).Take((int)events))
        {
            rows.Add(ScanMicro.Parse(line));
            if (rows.Count == EventsPerRecord)
            {
                records.Add(ShardBatch.Of(rows).Payload);
                rows.Clear();
            }
        }
        records.Add(ShardBatch.Of(rows).Payload);
        var total = records.Sum(r => (long)r.Length);
        Console.WriteLine($"[replay] {records.Count:N0} records, {total / 1e6:F1} MB, {events:N0} events");

        EventStore? last = null;
        for (var run = 0; run < 3; run++)
        {
            last = null; // the previous run's store can be collected before this one is built
            var clock = Stopwatch.StartNew();
            var store = new EventStore();
            foreach (var record in records)
            {
                store.Load(record);
            }
            var applied = clock.Elapsed;
            store.Compact();
            var ms = clock.Elapsed.TotalMilliseconds;
            Console.WriteLine($"[replay] run {run + 1}: {ms:F0} ms ({applied.TotalMilliseconds:F0} apply + {ms - applied.TotalMilliseconds:F0} compact), " +
                $"{ms * 1e6 / store.EventCount:F0} ns/event, {store.EventCount / (ms / 1000) / 1e6:F2} M events/s on one core");
            last = store;
        }
        PrintBytes(last!);
    }

    /// <summary>Where a store's bytes go, per event, by the layout's own account (event ids are in
    /// memory here; a silo with a data directory keeps the sealed ones in a file).</summary>
    private static void PrintBytes(EventStore store)
    {
        var events = (double)store.EventCount;
        var sealedEvents = store.Sealed;
        var parts = new List<(string Name, long Bytes)>
        {
            ("timestamps", sealedEvents.Timestamps.Length * 8L),
            ("user runs", sealedEvents.UserStart.Length * 4L),
            ("durations", sealedEvents.Durations.Bytes),
            ("values", sealedEvents.Values.Bytes),
            ("event ids", sealedEvents.Ids.MemoryBytes),
            ("properties", sealedEvents.Properties.Bytes),
            ("properties pool", store.PropertiesPool.Bytes),
            ("duplicate index", store.DedupBytes),
        };
        for (var c = 0; c < EventColumns.Count; c++)
        {
            parts.Add(($"{(EventColumn)c} codes", sealedEvents.Codes[c].Bytes));
            parts.Add(($"{(EventColumn)c} pool ({store.Pool((EventColumn)c).Count:N0} values)", store.Pool((EventColumn)c).Bytes));
        }
        foreach (var (name, bytes) in parts.OrderByDescending(p => p.Bytes))
        {
            Console.WriteLine($"[replay] {name,-40} {bytes / 1e6,8:F1} MB {bytes / events,6:F2} B/event");
        }
        var counted = parts.Sum(p => p.Bytes);
        Console.WriteLine($"[replay] counted {counted / events:F1} B/event ({store.Users.Count:N0} users)");
    }
}
