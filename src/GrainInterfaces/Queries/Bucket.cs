namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A time bucket; a bucket's period is its start (weeks start on Monday 00:00 UTC).</summary>
public enum Bucket
{
    /// <summary>One hour.</summary>
    Hour,
    /// <summary>One UTC day.</summary>
    Day,
    /// <summary>One ISO week, Monday to Sunday.</summary>
    Week,
    /// <summary>One calendar month.</summary>
    Month,
}
