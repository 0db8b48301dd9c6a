namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>One version of a customer profile (<c>customers</c>); the latest <see cref="TimestampMs"/> wins.</summary>
/// <param name="CustomerId">The customer, the same identity as <c>user_id</c> of events.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="Age">Age in years, 0 when absent.</param>
/// <param name="Gender">Gender.</param>
/// <param name="Location">Location.</param>
/// <param name="SignupDateMs">Signup time, UTC milliseconds.</param>
/// <param name="LifetimeValue">Lifetime value.</param>
/// <param name="TimestampMs">Version time of this row, UTC milliseconds.</param>
[GenerateSerializer, Immutable, Alias("ua.CustomerRow")]
public sealed record CustomerRow(
    string CustomerId,
    string Name,
    string Email,
    int Age,
    string Gender,
    string Location,
    long SignupDateMs,
    double LifetimeValue,
    long TimestampMs);
