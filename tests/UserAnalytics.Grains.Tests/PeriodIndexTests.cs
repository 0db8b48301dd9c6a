using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class PeriodIndexTests
{
    [Theory]
    [InlineData(Bucket.Hour, TimeBuckets.HourMs)]
    [InlineData(Bucket.Day, TimeBuckets.DayMs)]
    [InlineData(Bucket.Week, TimeBuckets.WeekMs)]
    public void EveryTimeFallsInTheBucketThatDivisionGives(Bucket bucket, long unit)
    {
        var from = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = new DateTimeOffset(2030, 12, 31, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var index = new PeriodIndex(bucket, from, to);
        var origin = TimeBuckets.Start(from, bucket);
        var random = new Random(7);
        var times = new List<long>();
        for (var i = 0; i < 20_000; i++)
        {
            var edge = origin + (random.NextInt64(0, (to - origin) / unit) * unit);
            times.AddRange([edge - 1, edge, edge + 1, random.NextInt64(origin, to)]);
        }
        // In the order of a user's rows, then out of order: the remembered bucket must not leak.
        times.Sort();
        var shuffled = times.OrderBy(_ => random.Next()).ToList();

        foreach (var ts in times.Concat(shuffled).Where(t => t >= origin))
        {
            var expected = (int)((ts - origin) / unit);
            Assert.Equal(expected, index.IndexOf(ts, out var start, out var end));
            Assert.Equal(origin + (expected * unit), start);
            Assert.Equal(start + unit, end);
        }
    }

    [Fact]
    public void TheLastMonthADateCanHoldEndsAtTheEndOfTime()
    {
        var from = new DateTimeOffset(9999, 11, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var to = new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var index = new PeriodIndex(Bucket.Month, from, to);

        var last = index.IndexOf(to, out var start, out var end);

        Assert.Equal(2, index.Count);
        Assert.Equal(1, last);
        Assert.Equal(new DateTimeOffset(9999, 12, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), start);
        Assert.Equal(long.MaxValue, end);
    }
}
