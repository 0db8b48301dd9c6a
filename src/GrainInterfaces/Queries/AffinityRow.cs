namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A user's engagement with one content item.</summary>
/// <param name="UserId">The user.</param>
/// <param name="ContentId">The content item.</param>
/// <param name="Views">Number of <c>view</c> events.</param>
/// <param name="Clicks">Number of <c>click</c> events.</param>
/// <param name="Likes">Number of <c>like</c> events.</param>
/// <param name="Shares">Number of <c>share</c> events.</param>
/// <param name="TotalDuration">Summed duration of all the pair's events.</param>
/// <param name="LastInteractionMs">Time of the latest event, UTC milliseconds.</param>
/// <param name="AffinityScore">views + 2·clicks + 3·likes + 4·shares + total_duration/60, rounded to 2 decimals.</param>
[GenerateSerializer, Immutable, Alias("ua.AffinityRow")]
public sealed record AffinityRow(
    string UserId,
    string ContentId,
    long Views,
    long Clicks,
    long Likes,
    long Shares,
    double TotalDuration,
    long LastInteractionMs,
    double AffinityScore);
