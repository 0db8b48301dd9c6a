using UserAnalytics.GrainInterfaces.Activity;

namespace UserAnalytics.GrainInterfaces;

/// <summary>One content item or recommendation (key: <see cref="ContentKeys"/>): engagement counters
/// per event type, all-time and hourly, and its top users by affinity, updated as events arrive
/// through the <see cref="StreamNames.Content"/> stream.</summary>
[Alias("ua.IContentGrain")]
public interface IContentGrain : IGrainWithStringKey
{
    /// <summary>The counters and top users.</summary>
    /// <returns>The summary.</returns>
    [Alias("GetSummary")]
    Task<ContentSummary> GetSummary();

    /// <summary>Takes a batch directly (ingest with <c>wait=true</c>); a batch seen before is ignored.</summary>
    /// <param name="batch">The batch.</param>
    /// <returns>A task that completes once the batch is counted.</returns>
    [Alias("Apply")]
    Task Apply(ActivityBatch batch);
}
