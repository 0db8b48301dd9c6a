using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class TimeSearchTests
{
    [Fact]
    public void BoundsEqualALinearScanOverRunsWithRepeatedTimes()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 2000; trial++)
        {
            var times = Enumerable.Range(0, random.Next(0, 40)).Select(_ => (long)random.Next(0, 30)).Order().ToArray();
            var value = (long)random.Next(-2, 33);

            Assert.Equal(Array.FindIndex(times, t => t >= value) is var a and >= 0 ? a : times.Length, TimeSearch.FirstAtOrAfter(times, value));
            Assert.Equal(Array.FindIndex(times, t => t > value) is var b and >= 0 ? b : times.Length, TimeSearch.FirstAfter(times, value));
        }
    }

    [Fact]
    public void NothingIsAfterTheLastTime()
    {
        long[] times = [1, long.MaxValue];

        Assert.Equal(2, TimeSearch.FirstAfter(times, long.MaxValue));
        Assert.Equal(1, TimeSearch.FirstAtOrAfter(times, long.MaxValue));
    }
}
