using System.Diagnostics;

namespace UserAnalytics.Bench.Report;

/// <summary>A periodic progress line for a long phase: done/total, rate and time left.</summary>
public sealed class Progress : IDisposable
{
    private readonly string _phase;
    private readonly long _total;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer _timer;
    private long _done;

    public Progress(string phase, long total)
    {
        _phase = phase;
        _total = total;
        _timer = new Timer(_ => Print(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public void Add(long count) => Interlocked.Add(ref _done, count);

    public void Done(string summary)
    {
        _timer.Dispose();
        Console.WriteLine($"[{_phase}] done: {summary}");
    }

    public void Dispose() => _timer.Dispose();

    private void Print()
    {
        var done = Interlocked.Read(ref _done);
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        var left = rate > 0 && _total > done ? TimeSpan.FromSeconds((_total - done) / rate) : TimeSpan.Zero;
        Console.WriteLine($"[{_phase}] {done:N0}/{_total:N0} ({100.0 * done / Math.Max(1, _total):F0}%), {rate:N0}/s, about {left:mm\\:ss} left");
    }
}
