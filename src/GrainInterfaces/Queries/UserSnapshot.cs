using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces.Queries;

/// <summary>Everything a shard stores about one user, handed to the user's grain.</summary>
/// <param name="Version">Changes whenever a row of this user is stored.</param>
/// <param name="Events">The user's events in storage order (session ids as sent).</param>
/// <param name="Customers">The user's stored customer profile versions.</param>
/// <param name="Segments">The user's stored segment membership rows.</param>
[GenerateSerializer, Immutable, Alias("ua.UserSnapshot")]
public sealed record UserSnapshot(
    long Version,
    EventRow[] Events,
    CustomerRow[] Customers,
    SegmentRow[] Segments);
