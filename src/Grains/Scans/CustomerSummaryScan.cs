using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Customers (latest versions) per value segment: count, summed lifetime value, summed age.</summary>
internal static class CustomerSummaryScan
{
    public static GroupPartial Run(EventStore store, CustomerSummaryQuery query, CancellationToken cancellationToken)
    {
        var segments = new GroupSlots<string>(3);
        long read = 0;
        foreach (var user in store.Users)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (user.Customer is not { } version)
            {
                continue;
            }
            read++;
            var c = version.Row;
            if ((query.Location is not null && !string.Equals(c.Location, query.Location, StringComparison.Ordinal))
                || c.Age < query.MinAge || c.Age > query.MaxAge)
            {
                continue;
            }
            var values = segments.Get(CustomerSegments.Value(c.LifetimeValue), user.Index, out _);
            values[0]++;
            values[1] += c.LifetimeValue;
            values[2] += c.Age;
        }
        var partial = new GroupPartialBuilder(1, 3);
        foreach (var (segment, values) in segments.Groups)
        {
            partial.Add(0, [segment], values);
        }
        return partial.Build(read);
    }
}
