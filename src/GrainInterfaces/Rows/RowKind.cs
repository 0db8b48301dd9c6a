namespace UserAnalytics.GrainInterfaces.Rows;

/// <summary>The data source of an encoded row; its byte opens the row in a batch.</summary>
public enum RowKind : byte
{
    /// <summary>A <c>user_events</c> row.</summary>
    Event = 1,
    /// <summary>A <c>customers</c> row.</summary>
    Customer = 2,
    /// <summary>A <c>user_segments</c> row.</summary>
    Segment = 3,
    /// <summary>A <c>metric_aggregations</c> row.</summary>
    Metric = 4,
}
