namespace UserAnalytics.Bench.Data;

/// <summary>What the generator wrote, so runs can pick representative parameters.</summary>
public sealed record WorkloadManifest(
    long Events,
    int Users,
    long Customers,
    long SegmentRows,
    long StartMs,
    long EndMs,
    string[] SampleUsers,
    string[] SegmentIds,
    string[] ContentIds,
    string[] RecommendationIds,
    long NdjsonBytes);
