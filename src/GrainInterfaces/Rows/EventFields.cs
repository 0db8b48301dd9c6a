namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>One event's fields as UTF-8 text and numbers, without a string per field: what the
/// gateway's parser fills in and the shard reads back. The fields mean what <see cref="EventRow"/>'s do.</summary>
public ref struct EventFields
{
    /// <summary>See <see cref="EventRow.EventId"/>.</summary>
    public ReadOnlySpan<byte> EventId;
    /// <summary>See <see cref="EventRow.UserId"/>.</summary>
    public ReadOnlySpan<byte> UserId;
    /// <summary>See <see cref="EventRow.SessionId"/>.</summary>
    public ReadOnlySpan<byte> SessionId;
    /// <summary>See <see cref="EventRow.EventType"/>.</summary>
    public ReadOnlySpan<byte> EventType;
    /// <summary>See <see cref="EventRow.TimestampMs"/>.</summary>
    public long TimestampMs;
    /// <summary>See <see cref="EventRow.Page"/>.</summary>
    public ReadOnlySpan<byte> Page;
    /// <summary>See <see cref="EventRow.Referrer"/>.</summary>
    public ReadOnlySpan<byte> Referrer;
    /// <summary>See <see cref="EventRow.Os"/>.</summary>
    public ReadOnlySpan<byte> Os;
    /// <summary>See <see cref="EventRow.Browser"/>.</summary>
    public ReadOnlySpan<byte> Browser;
    /// <summary>See <see cref="EventRow.Platform"/>.</summary>
    public ReadOnlySpan<byte> Platform;
    /// <summary>See <see cref="EventRow.Country"/>.</summary>
    public ReadOnlySpan<byte> Country;
    /// <summary>See <see cref="EventRow.Region"/>.</summary>
    public ReadOnlySpan<byte> Region;
    /// <summary>See <see cref="EventRow.City"/>.</summary>
    public ReadOnlySpan<byte> City;
    /// <summary>See <see cref="EventRow.Device"/>.</summary>
    public ReadOnlySpan<byte> Device;
    /// <summary>See <see cref="EventRow.Duration"/>.</summary>
    public double Duration;
    /// <summary>See <see cref="EventRow.ContentId"/>.</summary>
    public ReadOnlySpan<byte> ContentId;
    /// <summary>See <see cref="EventRow.RecommendationId"/>.</summary>
    public ReadOnlySpan<byte> RecommendationId;
    /// <summary>See <see cref="EventRow.EventValue"/>.</summary>
    public double EventValue;
    /// <summary>See <see cref="EventRow.ProductId"/>.</summary>
    public ReadOnlySpan<byte> ProductId;
    /// <summary>See <see cref="EventRow.Category"/>.</summary>
    public ReadOnlySpan<byte> Category;
    /// <summary>See <see cref="EventRow.Properties"/>.</summary>
    public ReadOnlySpan<byte> Properties;
}
