namespace UserAnalytics.Gateway.Ingest;

/// <summary>
/// The times a row may carry: ClickHouse's DateTime64 range, as a Tinybird data source stores it.
/// A time far outside it (a year 1 or 9999 sent as "no date") made every question about time
/// scale with the span instead of the data: a daily segment rollup from year 1 wrote 740,000 days
/// of metrics, and time series bucketed by day or hour allocated arrays of millions of periods.
/// </summary>
internal static class StoredTimes
{
    /// <summary>1900-01-01 00:00:00 UTC.</summary>
    public const long FirstMs = -2_208_988_800_000;

    /// <summary>2299-12-31 23:59:59.999 UTC.</summary>
    public const long LastMs = 10_413_791_999_999;

    public const string Description = "the range a DateTime64 holds (1900-01-01 00:00:00 to 2299-12-31 23:59:59.999)";

    public static bool Holds(long ms) => ms is >= FirstMs and <= LastMs;
}
