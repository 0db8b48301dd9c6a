using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// Each user's sum of event_value over all of its sealed rows, added in row order as a scan adds
/// them one at a time (so the sum is the same to the bit), and the time of its last row.
/// customer_engagement_analysis takes a customer's figures from here when every row of the
/// customer passes (no column condition, a window holding the whole run, no tail rows) instead of
/// reading its rows on every call. Built on first use after a compaction (the sealed block it
/// describes is immutable), like <see cref="SessionTable"/>: 16 bytes per user.
/// </summary>
internal sealed class ValueTotals
{
    private readonly double[] _sums;
    private readonly long[] _lastMs;

    private ValueTotals(SealedEvents source, double[] sums, long[] lastMs)
    {
        Source = source;
        _sums = sums;
        _lastMs = lastMs;
    }

    /// <summary>The sealed block described.</summary>
    public SealedEvents Source { get; }

    /// <summary>The sum of the event values of the user's sealed run.</summary>
    public double Sum(int userIndex) => _sums[userIndex];

    /// <summary>The time of the user's last sealed row (meaningless when the run is empty).</summary>
    public long LastMs(int userIndex) => _lastMs[userIndex];

    public static ValueTotals Of(EventStore store)
    {
        if (store.ValueTotals is not { } totals || !ReferenceEquals(totals.Source, store.Sealed))
        {
            totals = Build(store.Sealed);
            store.ValueTotals = totals;
        }
        return totals;
    }

    private static ValueTotals Build(SealedEvents source)
    {
        var sums = new double[source.UserStart.Length - 1];
        var lastMs = new long[sums.Length];
        var piece = new double[4096];
        for (var u = 0; u < sums.Length; u++)
        {
            var (start, end) = source.Range(u);
            var sum = 0.0;
            for (var row = start; row < end; row += piece.Length)
            {
                var values = piece.AsSpan(0, Math.Min(piece.Length, end - row));
                source.Values.CopyTo(row, values);
                foreach (var value in values)
                {
                    sum += value;
                }
            }
            sums[u] = sum;
            lastMs[u] = end > start ? source.Timestamps[end - 1] : 0;
        }
        return new ValueTotals(source, sums, lastMs);
    }
}
