using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class TailEventsTests
{
    [Fact]
    public void ReservingRoomKeepsTheRowsAlreadyStoredAndTheNextRowsGoAfterThem()
    {
        var tail = new TailEvents();
        var codes = new int[EventColumns.Count];
        for (var i = 0; i < 3; i++)
        {
            codes[(int)EventColumn.Page] = 10 + i;
            tail.Add(1_000 + i, codes, i * 1.5, i, default, i);
        }

        tail.Reserve(5_000);
        codes[(int)EventColumn.Page] = 99;
        var row = tail.Add(2_000, codes, 7, 8, default, 9);

        Assert.True(tail.Timestamps.Length >= 5_000);
        Assert.Equal(3, row);
        Assert.Equal(4, tail.Count);
        Assert.Equal([1_000, 1_001, 1_002, 2_000], tail.Timestamps[..4]);
        Assert.Equal([10, 11, 12, 99], tail.Codes[(int)EventColumn.Page][..4]);
        Assert.Equal([0, 1.5, 3, 7], tail.Durations[..4]);
        Assert.Equal([0, 1, 2, 9], tail.Properties[..4]);
    }

    [Fact]
    public void ReservingLessThanTheRoomThereIsChangesNothing()
    {
        var tail = new TailEvents();
        tail.Add(1_000, new int[EventColumns.Count], 0, 0, default, 0);
        var before = tail.Timestamps;

        tail.Reserve(10);

        Assert.Same(before, tail.Timestamps);
    }

    [Fact]
    public void AStoreExpectingALoadReservesAboutARowPerHundredBytesButNeverPastItsCompactionPoint()
    {
        var store = new EventStore();

        store.ExpectLoad(96 * 10_000);
        var expected = store.Tail.Timestamps.Length;
        store.ExpectLoad(long.MaxValue);

        Assert.Equal(10_000, expected);
        Assert.Equal(1 << 20, store.Tail.Timestamps.Length);
    }

    [Fact]
    public void ATailStartsWithoutRoomAndGrowsByDoubling()
    {
        var tail = new TailEvents();
        Assert.Equal(0, tail.Bytes);

        var codes = new int[EventColumns.Count];
        for (var i = 0; i < 30; i++)
        {
            tail.Add(i, codes, 0, 0, default, 0);
        }

        Assert.Equal(32, tail.Timestamps.Length);
        Assert.All(tail.Codes, c => Assert.Equal(32, c.Length));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (long)i), tail.Timestamps[..30]);
    }

    [Fact]
    public void ClearingGivesTheRoomBackAndTheTailGrowsAgainFromNothing()
    {
        var codes = new int[EventColumns.Count];
        var tail = new TailEvents();
        for (var i = 0; i < 1_000; i++)
        {
            tail.Add(i, codes, 0, 0, default, 0);
        }

        tail.Clear();

        Assert.Equal((0, 0L), (tail.Count, tail.Bytes));
        Assert.Equal(0, tail.Add(7, codes, 0, 0, default, 0));
        Assert.Equal((7L, 16), (tail.Timestamps[0], tail.Timestamps.Length));
    }
}
