namespace UserAnalytics.GrainInterfaces;

/// <summary>How the data is partitioned. Every silo, gateway and client of one deployment must use
/// the same value; it is fixed when the deployment first stores data.</summary>
public sealed class ShardingOptions
{
    /// <summary>The configuration section (environment variable <c>UA_SHARDS</c> overrides it).</summary>
    public const string Section = "Sharding";

    /// <summary>Number of shards (partitions of users).</summary>
    public int Shards { get; set; } = 16;
}
