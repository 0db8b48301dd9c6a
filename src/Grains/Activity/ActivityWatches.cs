namespace UserAnalytics.Grains.Activity;

/// <summary>When a grain that watches shards' activity takes its watches back as it deactivates.</summary>
internal static class ActivityWatches
{
    /// <summary>
    /// Not when its silo is stopping. The silo's shards stop with it (those already gone would be
    /// placed again just to hear the call, which fails while the silo stops and logged an error
    /// per user and content grain on every shutdown); a shard on another silo that keeps the
    /// watch sends the next batch to the grain's stream, which activates it elsewhere, and that
    /// activation watches again.
    /// </summary>
    public static bool ShouldUnwatch(DeactivationReason reason) => reason.ReasonCode != DeactivationReasonCode.ShuttingDown;
}
