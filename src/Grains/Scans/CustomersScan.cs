using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.Grains.Store;

namespace UserAnalytics.Grains.Scans;

/// <summary>Every customer (latest profile version) left-joined with its events that pass the
/// filter: a customer without matching events still appears, with zero counts.</summary>
internal static class CustomersScan
{
    public static RowsPartial<CustomerResultRow> Run(EventStore store, CustomersQuery query, CancellationToken cancellationToken)
    {
        var filter = CompiledFilter.Compile(query.Filter with { UserId = null }, store);
        var customers = Customers(store, query.Filter.UserId).ToList();
        var top = new TopThreshold<double>(query.Limit, largestFirst: true);
        var matched = new (long Count, double Value, long? LastMs)[customers.Count];
        var view = store.CreateView();
        long read = 0;
        for (var c = 0; c < customers.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var events = view.Load(customers[c]);
            (long Count, double Value, long? LastMs) m = (0, 0, null);
            if (!filter.MatchesNothing)
            {
                var (start, end) = filter.Range(events);
                read += end - start;
                for (var i = start; i < end; i++)
                {
                    if (filter.Matches(events, i))
                    {
                        m = (m.Count + 1, m.Value + events.Values[i], events.Timestamps[i]);
                    }
                }
            }
            matched[c] = m;
            top.Add(m.Value);
        }

        var rows = new List<CustomerResultRow>();
        for (var c = 0; c < customers.Count; c++)
        {
            if (!top.Admits(matched[c].Value))
            {
                continue;
            }
            var profile = customers[c].Customer!.Value.Row;
            var days = CustomerSegments.DaysSince(profile.SignupDateMs, query.ReferenceMs);
            rows.Add(new CustomerResultRow(
                profile.CustomerId, profile.Name, profile.Email, profile.Location, profile.LifetimeValue, days,
                CustomerSegments.Value(profile.LifetimeValue), CustomerSegments.Loyalty(days),
                matched[c].Count, matched[c].Value, matched[c].LastMs));
        }
        return new RowsPartial<CustomerResultRow>([.. rows], top.Seen, read);
    }

    private static IEnumerable<UserData> Customers(EventStore store, string? customerId)
    {
        if (customerId is not null)
        {
            return store.FindUser(customerId) is { Customer: not null } one ? [one] : [];
        }
        return store.Users.Where(u => u.Customer is not null);
    }
}
