namespace UserAnalytics.Grains.Segments;

/// <summary>Schedules of the segment grains.</summary>
public sealed class SegmentOptions
{
    public const string Section = "Segments";

    /// <summary>How often a dynamic segment is evaluated again (at least one minute).</summary>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often completed days are rolled up into <c>metric_aggregations</c> (at least one minute).</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromHours(1);
}
