using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Grains.Tests;

/// <summary>Shards load no more at once than the gate has slots, and not on the caller's thread.</summary>
public sealed class ReplayGateTests
{
    [Fact]
    public async Task ALoadBeyondTheSlotsWaitsUntilOneFinishes()
    {
        var gate = new ReplayGate(2);
        using var release = new ManualResetEventSlim();
        var running = 0;
        var most = 0;
        int Load()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            release.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref running);
            return now;
        }

        var loads = Enumerable.Range(0, 5).Select(_ => gate.RunAsync(Load, CancellationToken.None)).ToArray();
        await Task.Delay(100);
        Assert.Equal(2, Volatile.Read(ref running));
        release.Set();
        await Task.WhenAll(loads).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, most);
    }

    [Fact]
    public async Task ALoadRunsOnAThreadThatIsNotThePools()
    {
        var gate = new ReplayGate(1);

        var onPool = await gate.RunAsync(() => Thread.CurrentThread.IsThreadPoolThread, CancellationToken.None);

        Assert.False(onPool);
    }

    [Fact]
    public async Task AFailedLoadGivesItsSlotBack()
    {
        var gate = new ReplayGate(1);

        await Assert.ThrowsAsync<IOException>(() => gate.RunAsync<int>(() => throw new IOException("unreadable"), CancellationToken.None));
        var next = await gate.RunAsync(() => 7, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(7, next);
    }

    [Fact]
    public async Task AWaitingLoadOfADeactivatedShardIsCancelled()
    {
        var gate = new ReplayGate(1);
        using var release = new ManualResetEventSlim();
        var held = gate.RunAsync(() => release.Wait(TimeSpan.FromSeconds(10)), CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.RunAsync(() => true, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.Set();
        await held;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
