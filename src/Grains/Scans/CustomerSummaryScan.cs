using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Customers (latest versions) per value segment: count, summed lifetime value, summed age.</summary>
internal static class CustomerSummaryScan
{
    public static GroupPartial Run(EventStore store, CustomerSummaryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var table = CustomerTable.Of(store);
        var location = -1;
        if (query.Location is { } wanted && !table.LocationCodes.TryGetValue(wanted, out location))
        {
            return GroupPartial.Empty(1, 3, table.Count);
        }
        var (minAge, maxAge) = (query.MinAge ?? int.MinValue, query.MaxAge ?? int.MaxValue);
        var segmentCount = CustomerSegments.ValueNames.Length;
        var (customers, lifetime, age) = (new double[segmentCount], new double[segmentCount], new double[segmentCount]);
        var (segments, ages, values, locations) = (table.Segments, table.Ages, table.LifetimeValues, table.Locations);
        for (var i = 0; i < segments.Length; i++)
        {
            var a = ages[i];
            if ((location >= 0 && locations[i] != location) || a < minAge || a > maxAge)
            {
                continue;
            }
            var s = segments[i];
            customers[s]++;
            lifetime[s] += values[i];
            age[s] += a;
        }
        var partial = new GroupPartialBuilder(1, 3);
        for (var s = 0; s < segmentCount; s++)
        {
            if (customers[s] > 0)
            {
                partial.Add(0, [CustomerSegments.ValueNames[s]], [customers[s], lifetime[s], age[s]]);
            }
        }
        return partial.Build(table.Count);
    }
}
