namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Customers (latest versions) per value segment. Answered as groups keyed by the segment
/// name with values: customers, summed lifetime value, summed age.</summary>
/// <param name="Location">Only customers at this location.</param>
/// <param name="MinAge">Only customers at least this old.</param>
/// <param name="MaxAge">Only customers at most this old.</param>
[GenerateSerializer, Immutable, Alias("ua.CustomerSummaryQuery")]
public sealed record CustomerSummaryQuery(string? Location, int? MinAge, int? MaxAge);
