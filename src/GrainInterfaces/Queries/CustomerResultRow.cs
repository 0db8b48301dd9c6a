namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>A customer's latest profile, its segments and its engagement.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Name">Name.</param>
/// <param name="Email">E-mail.</param>
/// <param name="Location">Location.</param>
/// <param name="LifetimeValue">Lifetime value.</param>
/// <param name="DaysSinceSignup">Whole days from signup to the reference time (floor).</param>
/// <param name="ValueSegment"><c>High Value</c> (≥ 1000), <c>Medium Value</c> (≥ 100) or <c>Low Value</c>.</param>
/// <param name="LoyaltySegment"><c>Loyal</c> (&gt; 365 days), <c>Regular</c> (&gt; 90) or <c>New</c>.</param>
/// <param name="EventCount">Matched events.</param>
/// <param name="TotalValue">Sum of their <c>event_value</c>.</param>
/// <param name="LastActivityMs">Time of the latest matched event, or null.</param>
[GenerateSerializer, Immutable, Alias("ua.CustomerResultRow")]
public sealed record CustomerResultRow(
    string CustomerId,
    string Name,
    string Email,
    string Location,
    double LifetimeValue,
    long DaysSinceSignup,
    string ValueSegment,
    string LoyaltySegment,
    long EventCount,
    double TotalValue,
    long? LastActivityMs);
