namespace UserAnalytics.Differential.Tests.Data;

/// <summary>A user_segments row as stored.</summary>
public sealed record GeneratedSegmentRow(
    string UserId,
    string SegmentId,
    string SegmentName,
    long CreatedAtMs,
    long UpdatedAtMs,
    bool Active);
