using UserAnalytics.Grains.Storage;

namespace UserAnalytics.Grains.Tests;

/// <summary>Shards load no more at once than the gate has slots.</summary>
public sealed class ReplayGateTests
{
    [Fact]
    public async Task ALoadBeyondTheSlotsWaitsUntilOneIsGivenBack()
    {
        var gate = new ReplayGate(2);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);

        var third = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(third.IsCompleted);

        first.Dispose();
        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ASlotGivenBackTwiceCountsOnce()
    {
        var gate = new ReplayGate(1);
        var slot = await gate.EnterAsync(CancellationToken.None);
        slot.Dispose();
        slot.Dispose();

        using var next = await gate.EnterAsync(CancellationToken.None);
        var another = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        Assert.False(another.IsCompleted);
    }

    [Fact]
    public async Task AWaitingLoadOfADeactivatedShardIsCancelled()
    {
        var gate = new ReplayGate(1);
        using var held = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
