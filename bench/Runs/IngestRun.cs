using System.Diagnostics;
using System.Net.Http.Headers;
using System.Threading.Channels;
using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Runs;

/// <summary>Streams an NDJSON file into the Events API in batches from several concurrent clients,
/// timing every 202 (which means durable).</summary>
public static class IngestRun
{
    public sealed record Result(long Events, long Bytes, TimeSpan Elapsed, Latencies Latencies)
    {
        public double EventsPerSecond => Events / Elapsed.TotalSeconds;

        public double MegabytesPerSecond => Bytes / 1e6 / Elapsed.TotalSeconds;
    }

    /// <summary>Sends lines [<paramref name="skipLines"/>, <paramref name="skipLines"/> + <paramref name="lines"/>) of the file.</summary>
    public static async Task<Result> RunAsync(HttpClient client, string ndjson, long skipLines, long lines, int batchLines, int concurrency)
    {
        var batches = Channel.CreateBounded<(byte[] Body, int Lines)>(concurrency * 2);
        var latencies = new Latencies();
        long events = 0, bytes = 0;
        using var progress = new Progress("ingest", lines);
        var clock = Stopwatch.StartNew();
        var producer = Task.Run(async () =>
        {
            await foreach (var batch in Batches(ndjson, skipLines, lines, batchLines))
            {
                await batches.Writer.WriteAsync(batch);
            }
            batches.Writer.Complete();
        });
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            await foreach (var (body, count) in batches.Reader.ReadAllAsync())
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                var started = Stopwatch.GetTimestamp();
                using var response = await client.PostAsync("v0/events?name=user_events", content);
                latencies.Add(Stopwatch.GetElapsedTime(started));
                if ((int)response.StatusCode != 202)
                {
                    throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }
                Interlocked.Add(ref events, count);
                Interlocked.Add(ref bytes, body.Length);
                progress.Add(count);
            }
        })).ToArray();
        await Task.WhenAll(workers.Append(producer));
        var result = new Result(events, bytes, clock.Elapsed, latencies);
        progress.Done($"{events:N0} events in {result.Elapsed.TotalSeconds:F1} s: {result.EventsPerSecond:N0} events/s, {result.MegabytesPerSecond:F1} MB/s, 202 p50 {latencies.P50:F1} ms p99 {latencies.P99:F1} ms");
        return result;
    }

    /// <summary>Cuts the file into batches of whole lines without decoding them (the load
    /// generator shares the machine with the silo, so it must stay cheap).</summary>
    private static async IAsyncEnumerable<(byte[] Body, int Lines)> Batches(string path, long skip, long take, int batchLines)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[16 << 20];
        int start = 0, end = 0;
        long line = 0;
        var eof = false;
        while (line < skip + take)
        {
            // Find the end of the next batch (or of the lines to skip) in the buffer.
            var wanted = line < skip ? (int)Math.Min(batchLines, skip - line) : (int)Math.Min(batchLines, skip + take - line);
            var position = start;
            var found = 0;
            while (found < wanted)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', position, end - position);
                if (newline < 0)
                {
                    break;
                }
                position = newline + 1;
                found++;
            }
            if (found < wanted && !eof)
            {
                // Move the partial batch to the front and read more.
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
                var read = await file.ReadAsync(buffer.AsMemory(end));
                eof = read == 0;
                end += read;
                continue;
            }
            if (found == 0)
            {
                yield break;
            }
            if (line >= skip)
            {
                yield return (buffer[start..position], found);
            }
            line += found;
            start = position;
        }
    }
}
