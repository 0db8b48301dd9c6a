namespace UserAnalytics.GrainInterfaces;

/// <summary>The one grain (key 0) that keeps every segment's daily rollups going, also for segments
/// that only exist as ingested <c>user_segments</c> rows.</summary>
[Alias("ua.ISegmentCatalogGrain")]
public interface ISegmentCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the rollup schedule (a reminder) is registered.</summary>
    /// <returns>A task.</returns>
    [Alias("Start")]
    Task Start();

    /// <summary>Rolls up every known segment now.</summary>
    /// <returns>The number of (segment, day) rollups written.</returns>
    [Alias("RollUpAll")]
    Task<int> RollUpAll();
}
