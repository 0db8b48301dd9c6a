namespace UserAnalytics.Silo.Hosting;

/// <summary>Where a silo keeps its data.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data directory (<c>UA_DATA_DIR</c>): event logs, grain state, the admin token.</summary>
    public string DataDirectory { get; set; } = "data";
}
