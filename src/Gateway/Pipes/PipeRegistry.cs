namespace UserAnalytics.Gateway.Pipes;

/// <summary>Every pipe, by name.</summary>
internal sealed class PipeRegistry
{
    private readonly Dictionary<string, IPipe> _pipes;

    public PipeRegistry(IEnumerable<IPipe> pipes)
    {
        _pipes = pipes.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    public IEnumerable<string> Names => _pipes.Keys.Order(StringComparer.Ordinal);

    public IPipe? Find(string name) => _pipes.GetValueOrDefault(name);

    public static PipeRegistry CreateDefault() => new(
    [
        new UserRetentionAnalysis(),
        new SegmentComparison(),
        new EventFunnelAnalysis(),
        new UserEventsBySegment(),
        new CreateUserSegment(),
        new UserBehaviorTimeline(),
        new EventFrequencyBySegment(),
        new SessionMetrics(),
        new UserEngagementTimeSeries(),
        new GeographicDistribution(),
        new ActiveUsers(),
        new EventMetrics(),
        new UserContentAffinity(),
        new RecommendationPerformance(),
        new SessionAnalysis(),
        new ContentEngagement(),
        new UserRecommendations(),
        new UserSessionStats(),
        new UserEventTimeline(),
        new UserActivityMetrics(),
        new CustomerSegmentLookup(),
        new CustomerEngagementAnalysis(),
        new CustomerSegmentsSummary(),
        new SegmentMetricsPipe(),
    ]);
}
