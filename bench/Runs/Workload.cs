using UserAnalytics.Bench.Data;
using UserAnalytics.Reference;

namespace UserAnalytics.Bench.Runs;

/// <summary>Representative parameters for every pipe over a generated data set.</summary>
public static class Workload
{
    private const long Day = 86_400_000;

    /// <summary>The grain endpoints personalisation calls, with the path of the i-th request.</summary>
    public static IReadOnlyList<(string Label, Func<int, string> Path)> Lookups(WorkloadManifest m) =>
    [
        ("GET /v0/users/{id}/profile", i => $"v0/users/{Uri.EscapeDataString(m.SampleUsers[i % m.SampleUsers.Length])}/profile"),
        ("GET /v0/content/{id}", i => $"v0/content/{Uri.EscapeDataString(m.ContentIds[i % m.ContentIds.Length])}"),
        ("GET /v0/recommendations/{id}", i => $"v0/recommendations/{Uri.EscapeDataString(m.RecommendationIds[i % m.RecommendationIds.Length])}"),
        ("GET /health (HTTP alone, no grain)", _ => "health"),
    ];

    public static IReadOnlyList<BenchQuery> Queries(WorkloadManifest m)
    {
        var users = m.SampleUsers;
        string U(int i) => users[i % users.Length];
        BenchQuery Aggregate(string pipe, Func<PipeCase, PipeCase> parameters, string? label = null) =>
            new(label ?? pipe, pipe, false, _ => parameters(new PipeCase(pipe)));
        BenchQuery PerUser(string pipe, string key, Func<PipeCase, PipeCase>? more = null) =>
            new(pipe + " (" + key + ")", pipe, true, i => (more ?? (c => c))(new PipeCase(pipe).Text(key, U(i))));
        var reference = m.EndMs + Day;
        return
        [
            Aggregate("user_retention_analysis", c => c.Window(m.StartMs, m.EndMs)),
            Aggregate("segment_comparison", c => c.List("segment_ids", m.SegmentIds)),
            Aggregate("event_funnel_analysis", c => c.List("event_steps", ["page_view", "add_to_cart", "checkout", "purchase"])),
            Aggregate("user_events_by_segment", c => c.Text("segment_id", m.SegmentIds[0])),
            Aggregate("create_user_segment", c => c.Text("segment_name", "bench power buyers").Text("event_type", "purchase").Int("min_event_count", 2).Int("time_period_days", 30).Time("reference_date", m.EndMs)),
            PerUser("user_behavior_timeline", "user_id"),
            Aggregate("event_frequency_by_segment", c => c.Text("segment_id", m.SegmentIds[1]).Text("time_granularity", "day")),
            Aggregate("session_metrics", c => c.Text("time_bucket", "day")),
            Aggregate("user_engagement_time_series", c => c.Text("time_bucket", "hour")),
            Aggregate("geographic_distribution", c => c),
            Aggregate("active_users", c => c.Text("time_bucket", "day")),
            Aggregate("event_metrics", c => c),
            Aggregate("user_content_affinity", c => c),
            PerUser("user_content_affinity", "user_id"),
            Aggregate("recommendation_performance", c => c),
            Aggregate("session_analysis", c => c),
            Aggregate("content_engagement", c => c),
            Aggregate("user_recommendations", c => c),
            PerUser("user_recommendations", "user_id"),
            Aggregate("user_session_stats", c => c),
            PerUser("user_session_stats", "user_id"),
            PerUser("user_event_timeline", "user_id"),
            Aggregate("user_activity_metrics", c => c),
            PerUser("user_activity_metrics", "user_id"),
            PerUser("customer_segment_lookup", "customer_id", c => c.Time("reference_date", reference)),
            Aggregate("customer_engagement_analysis", c => c.Time("reference_date", reference)),
            PerUser("customer_engagement_analysis", "customer_id", c => c.Time("reference_date", reference)),
            Aggregate("customer_segments_summary", c => c),
        ];
    }
}
