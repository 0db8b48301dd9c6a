using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using UserAnalytics.Bench.Report;

namespace UserAnalytics.Bench.Load;

/// <summary>
/// Timed HTTP load over prepared requests, on <see cref="HttpConnection"/>s:
/// <list type="bullet">
/// <item>closed loop: each client sends its next request as soon as it has read the last answer,
/// which finds the most a silo serves (its latency is then the queue: clients / throughput);</item>
/// <item>open loop: requests leave at a fixed rate whatever the answers do, which is how users
/// arrive, and gives the latency a silo serves that rate with.</item>
/// </list>
/// </summary>
public static class LoadRun
{
    /// <summary>Up to <paramref name="count"/> requests one after another on one connection (fewer
    /// when <paramref name="limit"/> passes first, but at least five).</summary>
    public static async Task<LoadResult> SequentialAsync(HttpTarget target, byte[][] requests, int count, TimeSpan limit, ProcessCpu? silo)
    {
        using var connection = await target.OpenAsync();
        var latencies = new Latencies();
        var errors = new Errors();
        var cpu = silo?.Seconds();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count && (i < 5 || clock.Elapsed < limit); i++)
        {
            var started = Stopwatch.GetTimestamp();
            errors.Check(await connection.SendAsync(requests[i % requests.Length]));
            latencies.Add(Stopwatch.GetElapsedTime(started));
        }
        return new LoadResult(latencies, clock.Elapsed.TotalSeconds, latencies.Count, errors.Count, errors.First, silo is null ? null : silo.Seconds() - cpu);
    }

    /// <summary><paramref name="clients"/> connections, each sending back to back for <paramref name="duration"/>.</summary>
    public static async Task<LoadResult> ClosedAsync(HttpTarget target, byte[][] requests, int clients, TimeSpan duration, ProcessCpu? silo)
    {
        var connections = await OpenAsync(target, clients);
        try
        {
            var latencies = new Latencies();
            var errors = new Errors();
            var next = -1;
            var cpu = silo?.Seconds();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(connections.Select(connection => Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    var request = requests[(int)((uint)Interlocked.Increment(ref next) % requests.Length)];
                    var started = Stopwatch.GetTimestamp();
                    errors.Check(await connection.SendAsync(request));
                    latencies.Add(Stopwatch.GetElapsedTime(started));
                }
            })));
            var seconds = clock.Elapsed.TotalSeconds;
            return new LoadResult(latencies, seconds, latencies.Count, errors.Count, errors.First, silo is null ? null : silo.Seconds() - cpu);
        }
        finally
        {
            Array.ForEach(connections, c => c.Dispose());
        }
    }

    /// <summary>
    /// <paramref name="rate"/> requests a second for <paramref name="duration"/>, spread over
    /// <paramref name="clients"/> connections: request k is due at k / rate, on connection
    /// k mod clients, and a thread of its own sends it then (<see cref="Pacer"/>). A request whose
    /// connection is still waiting for an earlier answer when it is due goes as soon as that answer
    /// is read. Every latency counts from when the request was due, not from when it went (no
    /// coordinated omission): a request held back by a late answer, or by a pacer that the loaded
    /// cores woke late, waited because of the load. The pacer's own wake-up (some 50 µs) counts too.
    /// </summary>
    public static async Task<LoadResult> OpenAsync(HttpTarget target, byte[][] requests, int clients, double rate, TimeSpan duration, ProcessCpu? silo)
    {
        var connections = await OpenAsync(target, clients);
        try
        {
            var latencies = new Latencies();
            var errors = new Errors();
            var total = (long)(rate * duration.TotalSeconds);
            var ticksPerRequest = Stopwatch.Frequency / rate;
            // Synchronous continuations: a connection that waits for its next request sends it on
            // the pacer's thread, without a hop through the thread pool.
            var due = connections.Select(_ => Channel.CreateUnbounded<long>(new() { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true })).ToArray();
            var cpu = silo?.Seconds();
            var senders = connections.Select((connection, c) => SendAsDueAsync(connection, due[c].Reader)).ToArray();
            var start = Stopwatch.GetTimestamp();
            var pacer = new Thread(() =>
            {
                for (long k = 0; k < total; k++)
                {
                    var at = start + (long)(k * ticksPerRequest);
                    Pacer.SleepUntil(at);
                    due[k % clients].Writer.TryWrite(at);
                }
                Array.ForEach(due, d => d.Writer.Complete());
            })
            { IsBackground = true, Name = "open-loop pacer" };
            pacer.Start();
            await Task.WhenAll(senders);
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return new LoadResult(latencies, seconds, latencies.Count, errors.Count, errors.First, silo is null ? null : silo.Seconds() - cpu);

            async Task SendAsDueAsync(HttpConnection connection, ChannelReader<long> times)
            {
                long next = 0;
                await foreach (var at in times.ReadAllAsync())
                {
                    connection.Send(requests[next++ % requests.Length]);
                    errors.Check(await connection.ReadAnswerAsync());
                    latencies.Add(Stopwatch.GetElapsedTime(at, Stopwatch.GetTimestamp()));
                }
            }
        }
        finally
        {
            Array.ForEach(connections, c => c.Dispose());
        }
    }

    private static async Task<HttpConnection[]> OpenAsync(HttpTarget target, int clients) =>
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => target.OpenAsync()));

    /// <summary>Failed answers of a run: counted (an overloaded silo answers 503 after the grain call
    /// timeout), and the first one kept to be named.</summary>
    private sealed class Errors
    {
        private int _count;
        private string? _first;

        public int Count => _count;

        public string? First => _first;

        public void Check(HttpAnswer answer)
        {
            if (answer.Succeeded)
            {
                return;
            }
            Interlocked.Increment(ref _count);
            Interlocked.CompareExchange(ref _first, $"{answer.Status}: {Encoding.UTF8.GetString(answer.Body ?? [])}", null);
        }
    }
}
