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
        var customers = Customers(store, query.Filter.UserId);
        var top = new TopThreshold<double>(query.Limit, largestFirst: true);
        var matched = new (long Count, double Value, long? LastMs)[customers.Length];
        var totals = filter.TimeOnly && !filter.MatchesNothing && query.Filter.UserId is null ? ValueTotals.Of(store) : null;
        var withTail = WithTailRows(store);
        var sealedEvents = store.Sealed;
        using var view = store.CreateView();
        var selected = new int[64];
        long read = 0;
        for (var c = 0; c < customers.Length; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var u = customers[c];
            var (start, end) = sealedEvents.Range(u);
            if (totals is not null && !withTail[u] && (start == end || Holds(filter, sealedEvents, start, totals.LastMs(u))))
            {
                read += end - start;
                matched[c] = start < end ? (end - start, totals.Sum(u), totals.LastMs(u)) : (0, 0, null);
            }
            else
            {
                matched[c] = Match(view.Load(store.Users[u]), filter, ref selected, ref read);
            }
            top.Add(matched[c].Value);
        }

        var rows = new List<CustomerResultRow>();
        for (var c = 0; c < customers.Length; c++)
        {
            if (!top.Admits(matched[c].Value))
            {
                continue;
            }
            var profile = store.Customer(store.Users[customers[c]])!;
            var days = CustomerSegments.DaysSince(profile.SignupDateMs, query.ReferenceMs);
            rows.Add(new CustomerResultRow(
                profile.CustomerId, profile.Name, profile.Email, profile.Location, profile.LifetimeValue, days,
                CustomerSegments.Value(profile.LifetimeValue), CustomerSegments.Loyalty(days),
                matched[c].Count, matched[c].Value, matched[c].LastMs));
        }
        return new RowsPartial<CustomerResultRow>([.. rows], top.Seen, read);
    }

    /// <summary>True when the window holds every row of a sealed run that starts at <paramref name="start"/>
    /// and ends at <paramref name="lastMs"/>. (A user stored after the block was built has an empty
    /// run and no totals.)</summary>
    private static bool Holds(CompiledFilter filter, SealedEvents events, int start, long lastMs) =>
        events.Timestamps[start] >= filter.FromMs && lastMs <= filter.ToMs;

    private static bool[] WithTailRows(EventStore store)
    {
        var marks = new bool[store.Users.Count];
        foreach (var user in store.TailUsers)
        {
            marks[user.Index] = true;
        }
        return marks;
    }

    private static (long Count, double Value, long? LastMs) Match(EventView events, CompiledFilter filter, ref int[] selected, ref long read)
    {
        if (filter.MatchesNothing)
        {
            return (0, 0, null);
        }
        var (start, end) = filter.Range(events);
        read += end - start;
        if (start == end)
        {
            return (0, 0, null);
        }
        return filter.TimeOnly ? Sum(events, start, end) : Sum(events, filter.Select(events, start, end, ref selected));
    }

    /// <summary>Every row of [start, end) matches: their values are summed in row order, as one at a time.</summary>
    private static (long Count, double Value, long? LastMs) Sum(EventView events, int start, int end)
    {
        var total = 0.0;
        foreach (var value in events.Values[start..end])
        {
            total += value;
        }
        return (end - start, total, events.Timestamps[end - 1]);
    }

    private static (long Count, double Value, long? LastMs) Sum(EventView events, ReadOnlySpan<int> rows)
    {
        if (rows.IsEmpty)
        {
            return (0, 0, null);
        }
        var values = events.Values;
        var total = 0.0;
        foreach (var i in rows)
        {
            total += values[i];
        }
        return (rows.Length, total, events.Timestamps[rows[^1]]);
    }

    /// <summary>The user indexes of the customers asked for (every customer, or the one named).</summary>
    private static int[] Customers(EventStore store, string? customerId)
    {
        if (customerId is not null)
        {
            return store.FindUser(customerId) is { CustomerSlot: >= 0 } one ? [one.Index] : [];
        }
        return CustomerTable.Of(store).Users;
    }
}
