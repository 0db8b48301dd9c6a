namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Sessions of the filtered events grouped by the bucket of their start. Answered as groups
/// whose values are: sessions, distinct users, summed duration in ms, bounces (one-event sessions),
/// events.</summary>
/// <param name="Filter">Which events take part.</param>
/// <param name="Bucket">The bucket of the session start.</param>
[GenerateSerializer, Immutable, Alias("ua.SessionBucketsQuery")]
public sealed record SessionBucketsQuery(EventFilter Filter, Bucket Bucket);
