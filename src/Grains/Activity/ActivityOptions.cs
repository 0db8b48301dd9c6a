namespace UserAnalytics.Grains.Activity;

/// <summary>How shards publish what they store to the grains that watch them.</summary>
public sealed class ActivityOptions
{
    public const string Section = "Activity";

    /// <summary>How often a shard sends collected activity on the streams (the freshness of content
    /// counters, live segment counters and pushed user events; ingest with <c>wait=true</c> does not wait for it).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a consumer renews its watch on every shard (a restarted shard forgets its
    /// watchers, and is read afresh by the consumer when it answers "new").</summary>
    public TimeSpan WatchRenewal { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many hours of hourly counters a content grain keeps.</summary>
    public int HourlyHoursKept { get; set; } = 168;
}
