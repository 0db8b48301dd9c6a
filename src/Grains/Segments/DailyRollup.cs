using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.Grains.Segments;

/// <summary>The <c>metric_aggregations</c> rows of one segment for one completed day.</summary>
internal static class DailyRollup
{
    public const string Granularity = "daily";
    private const long DayMs = 86_400_000;

    /// <summary>Five rows, timed at the day's start. <c>updated_at</c> is the day's end, a fixed
    /// time, so writing a day again gives the very same rows (and, on equal times, the row stored
    /// later wins: a recomputation after late events replaces the first).</summary>
    public static MetricRow[] Rows(SegmentMetrics metrics, long dayMs)
    {
        MetricRow Row(string name, double value) => new(metrics.SegmentId, metrics.SegmentName, name, value, dayMs, Granularity, dayMs + DayMs);
        return
        [
            Row("active_users", metrics.ActiveUsers),
            Row("total_events", metrics.TotalEvents),
            Row("sessions", metrics.Sessions),
            Row("avg_session_duration", metrics.AvgSessionDuration),
            Row("conversion_rate", metrics.ConversionRate),
        ];
    }
}
