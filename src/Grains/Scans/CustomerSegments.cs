namespace UserAnalytics.Grains.Scans;

/// <summary>The customer segmentation rules of the customer pipes.</summary>
internal static class CustomerSegments
{
    private const long DayMs = 86_400_000;

    /// <summary>The value segments, indexed by <see cref="ValueIndex"/>.</summary>
    public static readonly string[] ValueNames = ["High Value", "Medium Value", "Low Value"];

    public static string Value(double lifetimeValue) => ValueNames[ValueIndex(lifetimeValue)];

    public static int ValueIndex(double lifetimeValue) => lifetimeValue switch
    {
        >= 1000 => 0,
        >= 100 => 1,
        _ => 2,
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
