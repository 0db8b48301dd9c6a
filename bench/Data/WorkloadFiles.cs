namespace UserAnalytics.Bench.Data;

/// <summary>Where a generated data set lives on disk: NDJSON for the Events API, CSV for the bulk
/// API and for loading the peers (its columns are the peers' raw table columns).</summary>
public sealed record WorkloadFiles(string Directory)
{
    public string EventsNdjson => Path.Combine(Directory, "events.ndjson");

    public string EventsCsv => Path.Combine(Directory, "events.csv");

    public string CustomersCsv => Path.Combine(Directory, "customers.csv");

    public string SegmentsCsv => Path.Combine(Directory, "segments.csv");

    public string Manifest => Path.Combine(Directory, "manifest.json");

    public bool Complete => File.Exists(Manifest);
}
