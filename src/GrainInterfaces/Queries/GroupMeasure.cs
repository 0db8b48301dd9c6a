namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>An additive measure a grouped scan computes per group.</summary>
public enum GroupMeasure
{
    /// <summary>Number of events (a count).</summary>
    Events,
    /// <summary>Exact number of distinct users (a count; additive over shards because users do not cross them).</summary>
    UniqueUsers,
    /// <summary>Sum of <c>duration</c> (a sum).</summary>
    SumDuration,
    /// <summary>Number of <c>view</c> events (a count).</summary>
    Views,
    /// <summary>Number of <c>click</c> events (a count).</summary>
    Clicks,
    /// <summary>Number of <c>like</c> events (a count).</summary>
    Likes,
    /// <summary>Number of <c>share</c> events (a count).</summary>
    Shares,
    /// <summary>Number of <c>page_view</c> events (a count).</summary>
    PageViews,
}
