namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>Keys of content grains: one grain per content id and one per recommendation id.</summary>
public static class ContentKeys
{
    /// <summary>The grain (and stream) key of a content item.</summary>
    /// <param name="contentId">The content id.</param>
    /// <returns>The key.</returns>
    public static string Content(string contentId) => "content:" + contentId;

    /// <summary>The grain (and stream) key of a recommendation.</summary>
    /// <param name="recommendationId">The recommendation id.</param>
    /// <returns>The key.</returns>
    public static string Recommendation(string recommendationId) => "recommendation:" + recommendationId;
}
