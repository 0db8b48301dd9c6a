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
    private long _monthStart = long.MaxValue;
    private long _monthEnd = long.MinValue;
    private int _monthIndex;

    public PeriodIndex(Bucket bucket, long fromMs, long toMs)
    {
        _bucket = bucket;
        _origin = TimeBuckets.Start(fromMs, bucket);
        _unit = bucket switch { Bucket.Hour => TimeBuckets.HourMs, Bucket.Day => TimeBuckets.DayMs, Bucket.Week => TimeBuckets.WeekMs, _ => 0 };
        Count = IndexOf(toMs) + 1;
    }

    public int Count { get; }

    public int IndexOf(long timestampMs)
    {
        if (_unit > 0)
        {
            return (int)((timestampMs - _origin) / _unit);
        }
        if (timestampMs < _monthStart || timestampMs >= _monthEnd)
        {
            var origin = DateTimeOffset.FromUnixTimeMilliseconds(_origin);
            var date = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
            _monthIndex = ((date.Year - origin.Year) * 12) + date.Month - origin.Month;
            _monthStart = StartOf(_monthIndex);
            _monthEnd = StartOf(_monthIndex + 1);
        }
        return _monthIndex;
    }

    public long StartOf(int index) => _unit > 0
        ? _origin + (index * _unit)
        : DateTimeOffset.FromUnixTimeMilliseconds(_origin).AddMonths(index).ToUnixTimeMilliseconds();
}
