using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Numbers the buckets between two times densely, so grouped scans can index arrays by
/// period instead of hashing bucket starts.</summary>
internal sealed class PeriodIndex
{
    private readonly Bucket _bucket;
    private readonly long _origin;
    private readonly long _unit;
    private long _bucketStart = long.MaxValue;
    private long _bucketEnd = long.MinValue;
    private int _bucketIndex;

    public PeriodIndex(Bucket bucket, long fromMs, long toMs)
    {
        _bucket = bucket;
        _origin = TimeBuckets.Start(fromMs, bucket);
        _unit = bucket switch { Bucket.Hour => TimeBuckets.HourMs, Bucket.Day => TimeBuckets.DayMs, Bucket.Week => TimeBuckets.WeekMs, _ => 0 };
        Count = IndexOf(toMs) + 1;
    }

    public int Count { get; }

    /// <summary>The number of the bucket holding <paramref name="timestampMs"/>. Rows come in time
    /// order, so the last bucket is remembered and division is needed only when a row leaves it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public int IndexOf(long timestampMs) =>
        timestampMs >= _bucketStart && timestampMs < _bucketEnd ? _bucketIndex : Locate(timestampMs);

    /// <summary>As <see cref="IndexOf(long)"/>, also giving the bucket's bounds, so a loop can keep
    /// them in registers and call again only when a row leaves the bucket.</summary>
    public int IndexOf(long timestampMs, out long bucketStart, out long bucketEnd)
    {
        var index = IndexOf(timestampMs);
        (bucketStart, bucketEnd) = (_bucketStart, _bucketEnd);
        return index;
    }

    private int Locate(long timestampMs)
    {
        if (_unit > 0)
        {
            _bucketIndex = (int)((timestampMs - _origin) / _unit);
            _bucketStart = _origin + (_bucketIndex * _unit);
            _bucketEnd = _bucketStart + _unit;
            return _bucketIndex;
        }
        {
            var origin = DateTimeOffset.FromUnixTimeMilliseconds(_origin);
            var date = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
            _bucketIndex = ((date.Year - origin.Year) * 12) + date.Month - origin.Month;
            _bucketStart = StartOf(_bucketIndex);
            _bucketEnd = StartOf(_bucketIndex + 1);
        }
        return _bucketIndex;
    }

    /// <summary>The start of bucket <paramref name="index"/>; for a month after December 9999 (the end
    /// of the last bucket a stored time can fall in), <see cref="long.MaxValue"/>.</summary>
    public long StartOf(int index)
    {
        if (_unit > 0)
        {
            return _origin + (index * _unit);
        }
        var origin = DateTimeOffset.FromUnixTimeMilliseconds(_origin);
        var months = ((origin.Year * 12) + origin.Month - 1) + index;
        return months / 12 > DateTimeOffset.MaxValue.Year
            ? long.MaxValue
            : new DateTimeOffset(months / 12, (months % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
