namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>One group of a partial grouped result.</summary>
/// <param name="PeriodMs">The bucket start in UTC milliseconds, or 0 when the query has no period.</param>
/// <param name="Keys">The group's key, one string per dimension.</param>
/// <param name="Values">One value per measure; counts are whole numbers.</param>
[GenerateSerializer, Immutable, Alias("ua.GroupRow")]
public sealed record GroupRow(long PeriodMs, string[] Keys, double[] Values);
