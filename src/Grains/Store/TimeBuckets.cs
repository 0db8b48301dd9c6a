using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.Grains.Store;

/// <summary>Bucket starts in UTC milliseconds; weeks start on Monday 00:00 (ISO).</summary>
internal static class TimeBuckets
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;
    public const long WeekMs = 7 * DayMs;

    // 1970-01-01 was a Thursday, so Monday-aligned weeks are offset by four days.
    private const long MondayOffsetMs = 4 * DayMs;

    public static long Start(long timestampMs, Bucket bucket) => bucket switch
    {
        Bucket.Hour => FloorTo(timestampMs, HourMs),
        Bucket.Day => FloorTo(timestampMs, DayMs),
        Bucket.Week => WeekStart(timestampMs),
        Bucket.Month => MonthStart(timestampMs),
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, null),
    };

    public static long WeekStart(long timestampMs) => FloorTo(timestampMs - MondayOffsetMs, WeekMs) + MondayOffsetMs;

    public static long FloorTo(long value, long unit)
    {
        var q = value / unit;
        if (value % unit < 0)
        {
            q--;
        }
        return q * unit;
    }

    private static long MonthStart(long timestampMs)
    {
        var date = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs);
        return new DateTimeOffset(date.Year, date.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    }
}
