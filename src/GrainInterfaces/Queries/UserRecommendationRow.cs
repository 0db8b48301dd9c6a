namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A user's engagement with one recommendation.</summary>
/// <param name="UserId">The user.</param>
/// <param name="RecommendationId">The recommendation.</param>
/// <param name="Impressions">Number of <c>view</c> events.</param>
/// <param name="Clicks">Number of <c>click</c> events.</param>
/// <param name="Likes">Number of <c>like</c> events.</param>
/// <param name="Shares">Number of <c>share</c> events.</param>
/// <param name="LastInteractionMs">Time of the latest event, UTC milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.UserRecommendationRow")]
public sealed record UserRecommendationRow(
    string UserId,
    string RecommendationId,
    long Impressions,
    long Clicks,
    long Likes,
    long Shares,
    long LastInteractionMs);
