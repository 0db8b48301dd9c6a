namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>The Orleans stream provider and namespaces on which shards publish what they store.</summary>
public static class StreamNames
{
    /// <summary>The stream provider.</summary>
    public const string Provider = "activity";

    /// <summary>Per content item or recommendation (key: <see cref="ContentKeys"/>), consumed by content grains.</summary>
    public const string Content = "content";

    /// <summary>Per user (key: user id), consumed by the user's grain while it is active.</summary>
    public const string User = "user";

    /// <summary>Per segment (key: segment id), consumed by segment grains.</summary>
    public const string Segment = "segment";
}
