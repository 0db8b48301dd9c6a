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
}
