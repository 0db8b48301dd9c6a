using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;
using static UserAnalytics.Grains.Tests.Rows;

namespace UserAnalytics.Grains.Tests;

public sealed class CustomersScanTests
{
    /// <summary>A compacted store whose customers have sealed rows, some also tail rows, with
    /// values whose sum depends on the order they are added in.</summary>
    private static EventStore Store()
    {
        var store = new EventStore();
        var random = new Random(11);
        for (var u = 0; u < 300; u++)
        {
            store.ApplyCustomer(new CustomerRow($"c{u}", $"name {u}", "", 30, "", "", T0, u, T0));
            store.Add([.. Enumerable.Range(0, random.Next(0, 40)).Select(i => Value(Event($"c{u}", $"e{u}-{i}", T0 + (i * 60_000), eventType: i % 3 == 0 ? "purchase" : "view"), random))]);
        }
        store.Compact();
        store.Add([.. Enumerable.Range(0, 100).Select(u => Value(Event($"c{u * 3}", $"late-{u}", T0 + 30_000 + (u * 1_000)), random))]);
        // Customers stored after the sealed block was built: one without events, one with tail rows only.
        store.ApplyCustomer(new CustomerRow("late-without-events", "late", "", 30, "", "", T0, 1, T0));
        store.ApplyCustomer(new CustomerRow("late-with-events", "late", "", 30, "", "", T0, 1, T0));
        store.Add(Value(Event("late-with-events", "l-1", T0 + 5), random));
        return store;
    }

    [Fact]
    public void AfterACompactionTheTotalsAreThoseOfTheNewSealedBlock()
    {
        using var store = Store();
        var query = new CustomersQuery(EventFilter.All, 1_000, T0);
        var before = CustomersScan.Run(store, query, default).Rows.Single(r => r.CustomerId == "c7");
        var random = new Random(5);
        store.Add([.. Enumerable.Range(0, 5).Select(i => Value(Event("c7", $"more-{i}", T0 + 9_000_000 + i), random))]);
        store.Compact();

        var after = CustomersScan.Run(store, query, default).Rows.Single(r => r.CustomerId == "c7");

        var events = store.Snapshot(store.FindUser("c7")!).Events;
        var sum = 0.0;
        events.ToList().ForEach(e => sum += e.EventValue);
        Assert.Equal(before.EventCount + 5, after.EventCount);
        Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(after.TotalValue));
        Assert.Equal(events.Max(e => e.TimestampMs), after.LastActivityMs);
    }

    private static EventRow Value(EventRow row, Random random) => row with { EventValue = Math.Round(random.NextDouble() * 1e4, 3) * 1.1 };

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(0L, 3_000_000_000L, null)]
    [InlineData(600_000L, 1_500_000L, null)]
    [InlineData(0L, 1_200_000L, null)]
    [InlineData(null, null, "purchase")]
    public void EveryCustomerHasTheCountSumAndLastTimeOfItsMatchingRowsAddedInTimeOrder(long? from, long? to, string? type)
    {
        using var store = Store();
        var filter = new EventFilter(T0 + from, T0 + to, null, type is null ? null : [type]);

        var partial = CustomersScan.Run(store, new CustomersQuery(filter, 1_000, T0), default);

        var expected = store.Users.Where(u => store.Customer(u) is not null).Select(u =>
        {
            var rows = store.Snapshot(u).Events
                .Where(e => (from is null || e.TimestampMs >= T0 + from) && (to is null || e.TimestampMs <= T0 + to) && (type is null || e.EventType == type))
                .ToList();
            var sum = 0.0;
            rows.ForEach(e => sum += e.EventValue);
            return $"{u.UserId} {rows.Count} {BitConverter.DoubleToInt64Bits(sum)} {rows.LastOrDefault()?.TimestampMs}";
        });
        var actual = partial.Rows.Select(r => $"{r.CustomerId} {r.EventCount} {BitConverter.DoubleToInt64Bits(r.TotalValue)} {r.LastActivityMs}");
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }
}
