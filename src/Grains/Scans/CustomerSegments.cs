namespace UserAnalytics.Grains.Scans;

/// <summary>The customer segmentation rules of the customer pipes.</summary>
internal static class CustomerSegments
{
    private const long DayMs = 86_400_000;

    public static string Value(double lifetimeValue) => lifetimeValue switch
    {
        >= 1000 => "High Value",
        >= 100 => "Medium Value",
        _ => "Low Value",
    };

    public static string Loyalty(long daysSinceSignup) => daysSinceSignup switch
    {
        > 365 => "Loyal",
        > 90 => "Regular",
        _ => "New",
    };

    /// <summary>Whole days from signup to the reference time, rounded down.</summary>
    public static long DaysSince(long signupMs, long referenceMs) => Store.TimeBuckets.FloorTo(referenceMs - signupMs, DayMs) / DayMs;
}
