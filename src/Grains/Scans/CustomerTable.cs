using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>
/// The latest version of every customer of a shard as columns (value segment, age, lifetime
/// value, location code, user index), in the order of the shard's users. customer_segments_summary
/// is then one loop over a few thousand numbers instead of a walk over every user object and a
/// string hash per customer, and customer_engagement_analysis visits only the customers' user
/// indexes. Built on the first such query after a customer row changed.
/// </summary>
internal sealed class CustomerTable
{
    private CustomerTable(long version, int[] users, byte[] segments, int[] ages, double[] lifetimeValues, int[] locations, Dictionary<string, int> locationCodes)
    {
        Version = version;
        Users = users;
        Segments = segments;
        Ages = ages;
        LifetimeValues = lifetimeValues;
        Locations = locations;
        LocationCodes = locationCodes;
    }

    /// <summary>The store's <see cref="EventStore.CustomerVersion"/> this table was built at.</summary>
    public long Version { get; }

    /// <summary>Per customer, the index of its user in the store (<see cref="UserData.Index"/>).</summary>
    public int[] Users { get; }

    /// <summary>Per customer, the index of its value segment in <see cref="CustomerSegments.ValueNames"/>.</summary>
    public byte[] Segments { get; }

    public int[] Ages { get; }

    public double[] LifetimeValues { get; }

    /// <summary>Per customer, the code of its location in <see cref="LocationCodes"/>.</summary>
    public int[] Locations { get; }

    public Dictionary<string, int> LocationCodes { get; }

    public int Count => Segments.Length;

    /// <summary>The store's table, rebuilt if a customer changed since it was built.</summary>
    public static CustomerTable Of(EventStore store)
    {
        if (store.CustomerTable is { } table && table.Version == store.CustomerVersion)
        {
            return table;
        }
        var users = new List<int>();
        var segments = new List<byte>();
        var ages = new List<int>();
        var lifetimeValues = new List<double>();
        var locations = new List<int>();
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var customers = store.Customers;
        foreach (var user in store.Users)
        {
            var slot = user.CustomerSlot;
            if (slot < 0)
            {
                continue;
            }
            users.Add(user.Index);
            segments.Add((byte)CustomerSegments.ValueIndex(customers.LifetimeValue(slot)));
            ages.Add(customers.Age(slot));
            lifetimeValues.Add(customers.LifetimeValue(slot));
            var location = customers.Location(slot);
            if (!codes.TryGetValue(location, out var code))
            {
                code = codes.Count;
                codes.Add(location, code);
            }
            locations.Add(code);
        }
        table = new CustomerTable(store.CustomerVersion, [.. users], [.. segments], [.. ages], [.. lifetimeValues], [.. locations], codes);
        store.CustomerTable = table;
        return table;
    }
}
