namespace UserAnalytics.Grains.Storage;

/// <summary>Where shards keep the columns no aggregate reads (the event ids of their sealed
/// blocks): in files read on demand, so they take disk and page cache instead of the heap.</summary>
public sealed class ColdColumnOptions
{
    public const string Section = "ColdColumns";

    /// <summary>Directory of the files; the embedded mode uses <c>cold</c> in the data directory, the
    /// production mode the system's temporary directory unless set (<c>UA_COLD_DIR</c>). The files
    /// are unlinked as soon as they are opened: nothing is left there when the process ends.</summary>
    public string? Directory { get; set; }

    /// <summary>Keep them in the heap instead (faster timelines, ≈ 17 more bytes per event).</summary>
    public bool InMemory { get; set; }
}
