namespace UserAnalytics.Bench.Report;

/// <summary>Collected latencies of a run and the figures reported from them.</summary>
public sealed class Latencies
{
    private readonly List<double> _ms = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ms.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_gate)
        {
            _ms.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_gate)
        {
            if (_ms.Count == 0)
            {
                return double.NaN;
            }
            var sorted = _ms.Order().ToArray();
            var index = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
            return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
        }
    }

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public double Median => P50;
}
