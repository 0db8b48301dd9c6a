namespace UserAnalytics.Differential.Tests.Data;

/// <summary>A customer profile version as stored.</summary>
public sealed record GeneratedCustomer(
    string CustomerId,
    string Name,
    string Email,
    int Age,
    string Gender,
    string Location,
    long SignupDateMs,
    double LifetimeValue,
    long TimestampMs);
