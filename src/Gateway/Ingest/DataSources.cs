namespace UserAnalytics.Gateway.Ingest;

/// <summary>The data sources that accept rows, by name.</summary>
internal static class DataSources
{
    private static readonly Dictionary<string, DataSource> ByName = new DataSource[]
    {
        new UserEventsSource("user_events"),
        new UserEventsSource("customer_events"),
        new CustomersSource(),
        new UserSegmentsSource(),
        new MetricAggregationsSource(),
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static IEnumerable<string> Names => ByName.Keys;

    public static DataSource? Find(string? name) => name is null ? null : ByName.GetValueOrDefault(name);
}
