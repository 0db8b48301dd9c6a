namespace UserAnalytics.GrainInterfaces.Activity;

/// <summary>One stored event as a content or segment grain needs it.</summary>
/// <param name="UserId">The user.</param>
/// <param name="EventType">The event type.</param>
/// <param name="TimestampMs">Event time, UTC milliseconds.</param>
/// <param name="Duration">Seconds spent.</param>
[GenerateSerializer, Immutable, Alias("ua.Touch")]
public sealed record Touch(string UserId, string EventType, long TimestampMs, double Duration);
