using UserAnalytics.GrainInterfaces.Queries;

namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>Engagement with one content item or recommendation.</summary>
/// <param name="Key">The grain key (<see cref="ContentKeys"/>).</param>
/// <param name="Totals">All-time events per event type.</param>
/// <param name="Hourly">Events per hour and event type over the recent hours kept.</param>
/// <param name="TopUsers">The users with the highest affinity score, best first.</param>
[GenerateSerializer, Immutable, Alias("ua.ContentSummary")]
public sealed record ContentSummary(string Key, TypeCount[] Totals, HourlyCount[] Hourly, AffinityRow[] TopUsers);

/// <summary>Events of one type.</summary>
/// <param name="EventType">The event type.</param>
/// <param name="Events">How many.</param>
[GenerateSerializer, Immutable, Alias("ua.TypeCount")]
public sealed record TypeCount(string EventType, long Events);

/// <summary>Events of one type in one hour.</summary>
/// <param name="HourMs">Start of the hour, UTC milliseconds.</param>
/// <param name="EventType">The event type.</param>
/// <param name="Events">How many.</param>
[GenerateSerializer, Immutable, Alias("ua.HourlyCount")]
public sealed record HourlyCount(long HourMs, string EventType, long Events);
