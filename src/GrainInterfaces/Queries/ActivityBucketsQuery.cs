namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A grouping of the filtered events and the sessions of the same events by the bucket of
/// their start, asked together: a per-user question that needs both (user_activity_metrics with a
/// user_id) then costs one grain call and one look at the user's version instead of two.</summary>
/// <param name="Events">The events' grouping.</param>
/// <param name="Sessions">The sessions' buckets.</param>
[GenerateSerializer, Immutable, Alias("ua.ActivityBucketsQuery")]
public sealed record ActivityBucketsQuery(GroupQuery Events, SessionBucketsQuery Sessions);

/// <summary>The two answers of an <see cref="ActivityBucketsQuery"/>, each as its own query would give it.</summary>
/// <param name="Events">The events' groups.</param>
/// <param name="Sessions">The sessions' groups.</param>
[GenerateSerializer, Immutable, Alias("ua.ActivityBucketsPartial")]
public sealed record ActivityBucketsPartial(GroupPartial Events, GroupPartial Sessions);
