namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>An event column a grouped scan groups by.</summary>
public enum GroupDimension
{
    /// <summary>The event type.</summary>
    EventType,
    /// <summary>The country.</summary>
    Country,
    /// <summary>The region.</summary>
    Region,
    /// <summary>The platform.</summary>
    Platform,
    /// <summary>The content id.</summary>
    ContentId,
    /// <summary>The recommendation id.</summary>
    RecommendationId,
}
