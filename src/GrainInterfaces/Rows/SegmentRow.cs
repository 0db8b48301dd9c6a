namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>One membership row of <c>user_segments</c>; the latest <see cref="UpdatedAtMs"/> per (user, segment) wins.</summary>
/// <param name="UserId">The user.</param>
/// <param name="SegmentId">The segment.</param>
/// <param name="SegmentName">The segment's display name at the time of the row.</param>
/// <param name="CreatedAtMs">Creation time, UTC milliseconds.</param>
/// <param name="UpdatedAtMs">Version time, UTC milliseconds.</param>
/// <param name="Active">True when the user is a member according to this row.</param>
[GenerateSerializer, Immutable, Alias("ua.SegmentRow")]
public sealed record SegmentRow(
    string UserId,
    string SegmentId,
    string SegmentName,
    long CreatedAtMs,
    long UpdatedAtMs,
    bool Active);
