using UserAnalytics.GrainInterfaces.Queries;
using UserAnalytics.GrainInterfaces.Rows;

namespace UserAnalytics.GrainInterfaces;

/// <summary>The questions both a shard (about all of its users) and a user grain (about its one
/// user) answer, with the same partial results, so a pipe asks one user grain when it has a
/// user_id and every shard otherwise, and merges either way.</summary>
[Alias("ua.IEventQueries")]
public interface IEventQueries : IGrain
{
    /// <summary>A filtered GROUP BY with additive measures.</summary>
    /// <param name="query">The grouping.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The partial groups.</returns>
    [Alias("Group")]
    Task<GroupPartial> Group(GroupQuery query, CancellationToken cancellationToken = default);

    /// <summary>Raw events ordered by time.</summary>
    /// <param name="query">Filter, order and limit.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>Candidate rows; session ids are resolved (derived ones included).</returns>
    [Alias("Events")]
    Task<RowsPartial<EventRow>> Events(EventsQuery query, CancellationToken cancellationToken = default);

    /// <summary>Sessions computed from the filtered events, newest first.</summary>
    /// <param name="query">Filter and limit.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>Candidate sessions.</returns>
    [Alias("Sessions")]
    Task<RowsPartial<SessionRow>> Sessions(SessionsQuery query, CancellationToken cancellationToken = default);

    /// <summary>Sessions of the filtered events grouped by the bucket of their start.</summary>
    /// <param name="query">Filter and bucket.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The partial groups.</returns>
    [Alias("SessionBuckets")]
    Task<GroupPartial> SessionBuckets(SessionBucketsQuery query, CancellationToken cancellationToken = default);

    /// <summary>A <see cref="Group"/> and a <see cref="SessionBuckets"/> in one call.</summary>
    /// <param name="query">Both questions.</param>
    /// <param name="cancellationToken">Cancels the scans.</param>
    /// <returns>Both partials.</returns>
    [Alias("ActivityBuckets")]
    Task<ActivityBucketsPartial> ActivityBuckets(ActivityBucketsQuery query, CancellationToken cancellationToken = default);

    /// <summary>Per (user, content) engagement, highest affinity first.</summary>
    /// <param name="query">Filter and limit.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>Candidate rows.</returns>
    [Alias("Affinity")]
    Task<RowsPartial<AffinityRow>> Affinity(TopQuery query, CancellationToken cancellationToken = default);

    /// <summary>Per (user, recommendation) engagement, latest interaction first.</summary>
    /// <param name="query">Filter and limit.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>Candidate rows.</returns>
    [Alias("UserRecommendations")]
    Task<RowsPartial<UserRecommendationRow>> UserRecommendations(TopQuery query, CancellationToken cancellationToken = default);

    /// <summary>Customers with their segments and engagement, highest total value first.</summary>
    /// <param name="query">Filter, limit and reference time.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>Candidate rows.</returns>
    [Alias("Customers")]
    Task<RowsPartial<CustomerResultRow>> Customers(CustomersQuery query, CancellationToken cancellationToken = default);
}
