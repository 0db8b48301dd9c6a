namespace UserAnalytics.Differential.Tests.Data;

/// <summary>A generated data set: the requests that load it, in order, and what the cases need to
/// know about it.</summary>
public sealed class DataSet
{
    public required int Seed { get; init; }

    public required List<LoadRequest> Requests { get; init; }

    public required string[] UserIds { get; init; }

    public required string[] CustomerIds { get; init; }

    public required string[] SegmentIds { get; init; }

    public required string[] ContentIds { get; init; }

    public required string[] RecommendationIds { get; init; }

    public required string[] EventTypes { get; init; }

    public required string[] Platforms { get; init; }

    public required string[] Devices { get; init; }

    public required string[] Countries { get; init; }

    public required string[] Locations { get; init; }

    public required long StartMs { get; init; }

    public required long EndMs { get; init; }

    /// <summary>A reference time after all data, for the customer and segment pipes.</summary>
    public long ReferenceMs => EndMs + (3 * 86_400_000L);
}
