namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Weekly retention cohorts. Answered as one group per cohort week (in
/// <see cref="GroupPartial.Periods"/>) whose values are the cohort size followed by the retained users
/// of week 0 to <see cref="MaxWeeks"/>.</summary>
/// <param name="Filter">Which events take part (window, segment).</param>
/// <param name="MaxWeeks">The last week number.</param>
[GenerateSerializer, Immutable, Alias("ua.RetentionQuery")]
public sealed record RetentionQuery(EventFilter Filter, int MaxWeeks);
