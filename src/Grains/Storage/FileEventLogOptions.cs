namespace UserAnalytics.Grains.Storage;

/// <summary>Where the embedded log keeps its files.</summary>
public sealed class FileEventLogOptions
{
    /// <summary>Directory of the stream files (one <c>.log</c> per stream).</summary>
    public string Directory { get; set; } = Path.Combine("data", "logs");
}
