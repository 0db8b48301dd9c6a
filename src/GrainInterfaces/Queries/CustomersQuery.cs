namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Customers (latest profile versions) with their engagement, highest total value first.</summary>
/// <param name="Filter">Which of each customer's events are joined (event type, window); its
/// <see cref="EventFilter.UserId"/> restricts the customers.</param>
/// <param name="Limit">How many rows the answer may hold.</param>
/// <param name="ReferenceMs">"Now" for days since signup, UTC milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.CustomersQuery")]
public sealed record CustomersQuery(EventFilter Filter, int Limit, long ReferenceMs);
