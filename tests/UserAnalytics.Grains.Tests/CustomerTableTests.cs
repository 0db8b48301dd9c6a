using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;
using UserAnalytics.Grains.Scans;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Tests;

public sealed class CustomerTableTests
{
    [Fact]
    public void TheSummaryFollowsEveryNewVersionOfACustomer()
    {
        var store = new EventStore();
        store.ApplyCustomer(Customer("a", 30, "Paris", 50, 1));
        store.ApplyCustomer(Customer("b", 40, "Lyon", 2000, 1));
        var all = new CustomerSummaryQuery(null, null, null);
        Assert.Equal(["High Value:1:2000:40", "Low Value:1:50:30"], Summary(store, all));

        store.ApplyCustomer(Customer("a", 31, "Paris", 500, 2));
        store.ApplyCustomer(Customer("b", 41, "Lyon", 1, 0));  // older than the stored version: ignored

        Assert.Equal(["High Value:1:2000:40", "Medium Value:1:500:31"], Summary(store, all));
        Assert.Equal(["Medium Value:1:500:31"], Summary(store, new CustomerSummaryQuery("Paris", 31, 31)));
        Assert.Empty(Summary(store, new CustomerSummaryQuery("Paris", 32, null)));
        Assert.Empty(Summary(store, new CustomerSummaryQuery("Nowhere", null, null)));
    }

    private static CustomerRow Customer(string id, int age, string location, double lifetimeValue, long timestampMs) =>
        new(id, id, $"{id}@example.com", age, "f", location, 0, lifetimeValue, timestampMs);

    private static IEnumerable<string> Summary(EventStore store, CustomerSummaryQuery query)
    {
        var partial = CustomerSummaryScan.Run(store, query, default);
        return Enumerable.Range(0, partial.Count).Select(r => $"{partial.Key(0, r)}:{partial.Values[0][r]}:{partial.Values[1][r]}:{partial.Values[2][r]}").Order(StringComparer.Ordinal);
    }
}
