using UserAnalytics.Silo.Hosting;

namespace UserAnalytics.Silo.Tests;

public sealed class ReclaimPolicyTests
{
    private const long Mb = 1 << 20;
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    [Fact]
    public void ReclaimsOnceWhenABurstHasEndedAndNotWhileItLasts()
    {
        var policy = new ReclaimPolicy(minAllocated: 512 * Mb, quietBytesPerSecond: 16 * Mb);
        Assert.False(policy.Observe(0, Tick, 100 * Mb));

        // A burst: 1 GB in five seconds is not quiet.
        Assert.False(policy.Observe(1024 * Mb, Tick, 900 * Mb));
        // Quiet now (10 MB in five seconds), and much was allocated since the start: reclaim, once.
        Assert.True(policy.Observe(1034 * Mb, Tick, 900 * Mb));
        Assert.False(policy.Observe(1040 * Mb, Tick, 900 * Mb));
    }

    [Fact]
    public void LittleAllocatedSinceTheLastReclaimIsNotWorthACollection()
    {
        var policy = new ReclaimPolicy(minAllocated: 512 * Mb, quietBytesPerSecond: 16 * Mb);
        policy.Observe(0, Tick, 100 * Mb);

        // Quiet, but only 300 MB allocated in all: below the minimum.
        Assert.False(policy.Observe(300 * Mb, TimeSpan.FromSeconds(60), 100 * Mb));
        // A big heap raises the bar: 700 MB allocated against a 2 GB heap is not enough either.
        Assert.False(policy.Observe(700 * Mb, TimeSpan.FromSeconds(60), 2048 * Mb));
        Assert.True(policy.Observe(2100 * Mb, TimeSpan.FromSeconds(300), 2048 * Mb));
    }

    [Fact]
    public void ALoadBeforeTheFirstReadingCounts()
    {
        var policy = new ReclaimPolicy(minAllocated: 512 * Mb, quietBytesPerSecond: 16 * Mb);

        // The first reading comes after a restart loaded its checkpoints: 1.2 GB allocated already.
        Assert.False(policy.Observe(1200 * Mb, Tick, 800 * Mb));
        Assert.True(policy.Observe(1205 * Mb, Tick, 800 * Mb));
        Assert.False(policy.Observe(1210 * Mb, Tick, 800 * Mb));
    }

    [Fact]
    public void ASmallerAmountAllocatedCountsOnceAMinuteHasPassed()
    {
        var policy = new ReclaimPolicy(minAllocated: 512 * Mb, quietBytesPerSecond: 16 * Mb, minAllocatedSlowly: 64 * Mb);
        policy.Observe(0, Tick, 400 * Mb);

        // A round of queries allocated 130 MB against a 510 MB heap: far from a burst, and less than a minute in.
        Assert.False(policy.Observe(130 * Mb, TimeSpan.FromSeconds(30), 510 * Mb));
        Assert.True(policy.Observe(135 * Mb, TimeSpan.FromSeconds(30), 510 * Mb));

        // A minute later, but only 40 MB allocated since: under the 64 MB minimum.
        Assert.False(policy.Observe(175 * Mb, TimeSpan.FromSeconds(60), 420 * Mb));
        // 100 MB, but the heap is 1 GB now: under an eighth of it.
        Assert.False(policy.Observe(235 * Mb, TimeSpan.FromSeconds(10), 1024 * Mb));
        // Enough, but the process is busy (100 MB in five seconds).
        Assert.False(policy.Observe(335 * Mb, Tick, 420 * Mb));
        Assert.True(policy.Observe(340 * Mb, Tick, 420 * Mb));
        // Straight after a reclaim nothing counts but a burst, whatever the heap.
        Assert.False(policy.Observe(420 * Mb, Tick, 100 * Mb));
    }
}
