using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

/// <summary>Customers kept as columns give back every row as it was stored, however often a
/// customer's row is replaced (each new version appends its text, and the text left behind is
/// dropped once it outgrows the live text).</summary>
public sealed class CustomerColumnsTests
{
    [Fact]
    public void EveryCustomerReadsBackItsLatestRowThroughManyReplacementsAndATrim()
    {
        var columns = new CustomerColumns();
        var slots = new int[50];
        Array.Fill(slots, -1);
        var latest = new CustomerRow[50];
        var arrival = 0L;
        for (var round = 0; round < 40; round++)
        {
            for (var c = 0; c < slots.Length; c++)
            {
                if (round > 0 && (c + round) % 3 != 0)
                {
                    continue;
                }
                var row = new CustomerRow($"user-{c}", $"Zoë {c}/{round}" + new string('x', round % 7), $"c{c}.r{round}@example.com",
                    20 + (round % 50), round % 2 == 0 ? "f" : "m", c % 4 == 0 ? "São Paulo" : "DE", T0 - c, (c * 10.5) + round, T0 + round);
                slots[c] = columns.Set(slots[c], user: c * 2, row, arrival++);
                latest[c] = row;
            }
        }
        AssertHolds(columns, slots, latest);

        columns.TrimExcess();

        AssertHolds(columns, slots, latest);
        var row0 = latest[0] with { Name = "after the trim", TimestampMs = T0 + 99 };
        columns.Set(slots[0], 0, row0, arrival);
        latest[0] = row0;
        AssertHolds(columns, slots, latest);
        Assert.Equal(arrival, columns.Arrival(slots[0]));
        Assert.Equal(50, columns.Count);
    }

    private static void AssertHolds(CustomerColumns columns, int[] slots, CustomerRow[] latest)
    {
        for (var c = 0; c < slots.Length; c++)
        {
            Assert.Equal(latest[c], columns.Row(slots[c], $"user-{c}"));
            Assert.Equal(c * 2, columns.User(slots[c]));
            Assert.Equal((latest[c].Age, latest[c].LifetimeValue, latest[c].Location, latest[c].SignupDateMs, latest[c].TimestampMs),
                (columns.Age(slots[c]), columns.LifetimeValue(slots[c]), columns.Location(slots[c]), columns.SignupDateMs(slots[c]), columns.TimestampMs(slots[c])));
        }
    }
}
