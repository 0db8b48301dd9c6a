namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A filtered GROUP BY over events, answered per shard as additive partial rows.</summary>
/// <param name="Filter">Which events take part.</param>
/// <param name="Dimensions">The GROUP BY columns after the period, in order.</param>
/// <param name="Measures">What to compute per group, in order.</param>
/// <param name="Period">When set, the events are grouped first by the start of their bucket.</param>
/// <param name="Top">When set, each shard sends only its largest groups by one measure.</param>
[GenerateSerializer, Immutable, Alias("ua.GroupQuery")]
public sealed record GroupQuery(
    EventFilter Filter,
    GroupDimension[] Dimensions,
    GroupMeasure[] Measures,
    Bucket? Period = null,
    GroupTop? Top = null);
