namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>What a consumer grain watches on a shard.</summary>
public enum ActivityTopic
{
    /// <summary>A user's new events (key: user id).</summary>
    User,
    /// <summary>Events about a content item or recommendation (key: <see cref="ContentKeys"/>).</summary>
    Content,
    /// <summary>Events of a segment's members (key: segment id).</summary>
    Segment,
}
