using UserAnalytics.Grains.Scans;

namespace UserAnalytics.Grains.Tests;

public sealed class CodeSlotsTests
{
    [Fact]
    public void ClearForgetsEveryCodeOfTheLastUserAndCodesBeyondTheFirstSizeAreKept()
    {
        var slots = new CodeSlots(4);
        slots.Add(3, 0);
        slots.Add(1000, 1);

        Assert.True(slots.TryGetValue(3, out var a));
        Assert.Equal(0, a);
        Assert.True(slots.TryGetValue(1000, out var b));
        Assert.Equal(1, b);
        Assert.False(slots.TryGetValue(2, out _));
        Assert.False(slots.TryGetValue(5000, out _));

        slots.Clear();

        Assert.False(slots.TryGetValue(3, out _));
        Assert.False(slots.TryGetValue(1000, out _));
        slots.Add(1000, 0);
        Assert.True(slots.TryGetValue(1000, out var c));
        Assert.Equal(0, c);
    }
}
