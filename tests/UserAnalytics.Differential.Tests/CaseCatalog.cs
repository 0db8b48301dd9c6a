using UserAnalytics.Differential.Tests.Data;

using UserAnalytics.Reference;

namespace UserAnalytics.Differential.Tests;

/// <summary>The parameter combinations each pipe is checked with: every filter, every bucket,
/// limits, windows that cut through sessions, unknown ids and values.</summary>
public static class CaseCatalog
{
    private const long Hour = 3_600_000;
    private const long Day = 24 * Hour;

    public static string[] Pipes { get; } =
    [
        "user_retention_analysis", "segment_comparison", "event_funnel_analysis", "user_events_by_segment",
        "user_behavior_timeline", "event_frequency_by_segment", "session_metrics", "user_engagement_time_series",
        "geographic_distribution", "active_users", "event_metrics", "user_content_affinity", "recommendation_performance",
        "session_analysis", "content_engagement", "user_recommendations", "user_session_stats", "user_event_timeline",
        "user_activity_metrics", "customer_segment_lookup", "customer_engagement_analysis", "customer_segments_summary",
    ];

    public static IEnumerable<PipeCase> For(string pipe, DataSet d)
    {
        var windows = Windows(d).ToList();
        var users = new[] { d.UserIds[0], d.UserIds[3], d.UserIds[5], d.UserIds[7], d.UserIds[d.UserIds.Length / 2], "no-such-user" };
        var segments = d.SegmentIds.Append("seg-unknown").ToArray();
        PipeCase C() => new(pipe);
        switch (pipe)
        {
            case "user_retention_analysis":
                foreach (var (from, to) in windows)
                {
                    yield return C().Window(from, to);
                }
                foreach (var segment in segments)
                {
                    yield return C().Text("segment_id", segment).Window(d.StartMs, d.EndMs);
                }
                yield return C().Int("max_weeks", 0);
                yield return C().Int("max_weeks", 2).Window(d.StartMs + (3 * Day), d.StartMs + (20 * Day) + 5);
                yield return C().Int("max_weeks", 30).Text("segment_id", d.SegmentIds[0]);
                break;
            case "segment_comparison":
                yield return C().List("segment_ids", d.SegmentIds);
                yield return C().List("segment_ids", [.. segments.Reverse(), d.SegmentIds[0]], repeatKey: true).Window(d.StartMs + (5 * Day), d.EndMs - (5 * Day));
                foreach (var (from, to) in windows.Take(3))
                {
                    yield return C().List("segment_ids", segments).Window(from, to);
                }
                break;
            case "event_funnel_analysis":
                string[][] funnels =
                [
                    ["page_view", "add_to_cart", "checkout", "purchase"],
                    ["page_view", "click"],
                    ["page_view", "click", "page_view"],
                    ["view", "like", "share", "view", "click"],
                    ["signup", "nothing_like_this"],
                ];
                foreach (var steps in funnels)
                {
                    yield return C().List("event_steps", steps);
                }
                yield return C().List("event_steps", funnels[0], repeatKey: true).Int("window_seconds", 60);
                yield return C().List("event_steps", funnels[0]).Int("window_seconds", 1800);
                yield return C().List("event_steps", funnels[1]).Int("window_seconds", 0);
                yield return C().List("event_steps", funnels[0]).Text("segment_id", d.SegmentIds[1]).Window(windows[2].From, windows[2].To);
                yield return C().List("event_steps", funnels[2]).Window(windows[3].From, windows[3].To);
                break;
            case "user_events_by_segment":
                foreach (var segment in segments)
                {
                    yield return C().Text("segment_id", segment);
                }
                yield return C().Text("segment_id", d.SegmentIds[0]).Text("event_type", "page_view").Int("limit", 7);
                yield return C().Text("segment_id", d.SegmentIds[1]).Window(windows[2].From, windows[2].To).Int("limit", 1);
                yield return C().Text("segment_id", d.SegmentIds[2]).Int("limit", 1_000_000);
                break;
            case "user_behavior_timeline":
            case "user_event_timeline":
                foreach (var user in users)
                {
                    yield return C().Text("user_id", user);
                }
                yield return C().Text("user_id", users[0]).Window(windows[2].From, windows[2].To).Int("limit", 3);
                yield return C().Text("user_id", users[4]).Text("event_type", "click");
                yield return C().Text("user_id", users[1]).Int("limit", 1);
                yield return C().Text("user_id", users[2]).Text("event_type", "no_such_type");
                break;
            case "event_frequency_by_segment":
                foreach (var bucket in new[] { "hour", "day", "week", "month" })
                {
                    yield return C().Text("time_granularity", bucket).Window(windows[2].From, windows[2].To);
                }
                yield return C();
                yield return C().Text("segment_id", d.SegmentIds[0]).List("event_types", ["page_view", "purchase"]);
                yield return C().Text("segment_id", "seg-unknown");
                yield return C().List("event_types", ["click", "view", "nope"], repeatKey: true).Text("time_granularity", "week");
                break;
            case "session_metrics":
                foreach (var bucket in new[] { "hour", "day", "week", "month" })
                {
                    yield return C().Text("time_bucket", bucket);
                }
                foreach (var (from, to) in windows)
                {
                    yield return C().Window(from, to);
                }
                yield return C().Text("platform", "web").Text("device", "mobile");
                yield return C().Text("country", "DE").Text("time_bucket", "week");
                yield return C().Text("platform", "").Text("country", "Atlantis");
                break;
            case "user_engagement_time_series":
                foreach (var bucket in new[] { "hour", "day", "week", "month" })
                {
                    yield return C().Text("time_bucket", bucket).Window(windows[1].From, windows[1].To);
                }
                yield return C().Text("time_bucket", "day").Text("event_type", "click").Text("platform", "ios");
                yield return C().Text("time_bucket", "week").Text("device", "tablet").Text("country", "US");
                break;
            case "geographic_distribution":
                yield return C();
                yield return C().Int("limit", 3);
                yield return C().Text("event_type", "page_view").Text("platform", "web");
                yield return C().Text("device", "desktop").Window(windows[2].From, windows[2].To);
                yield return C().Text("device", "phone-that-does-not-exist");
                break;
            case "active_users":
                foreach (var bucket in new[] { "hour", "day", "week", "month" })
                {
                    yield return C().Text("time_bucket", bucket);
                }
                yield return C().Text("event_type", "purchase").Text("country", "CA");
                yield return C().Text("platform", "android").Window(windows[2].From, windows[2].To);
                break;
            case "event_metrics":
                foreach (var (from, to) in windows)
                {
                    yield return C().Window(from, to);
                }
                yield return C().Text("platform", "ios").Text("device", "mobile").Text("country", "FR");
                yield return C().Text("country", "");
                break;
            case "user_content_affinity":
                yield return C();
                yield return C().Int("limit", 5);
                foreach (var user in users)
                {
                    yield return C().Text("user_id", user);
                }
                yield return C().Window(windows[2].From, windows[2].To).Int("limit", 200);
                break;
            case "recommendation_performance":
                yield return C();
                yield return C().Int("limit", 3);
                yield return C().Text("platform", "web").Window(windows[2].From, windows[2].To);
                yield return C().Text("platform", "nowhere");
                break;
            case "session_analysis":
                yield return C();
                yield return C().Int("limit", 1_000_000);
                yield return C().Text("platform", "ios").Text("device", "mobile").Int("limit", 20);
                foreach (var (from, to) in windows.Skip(1))
                {
                    yield return C().Window(from, to).Int("limit", 30);
                }
                break;
            case "content_engagement":
                yield return C();
                yield return C().Int("limit", 1_000);
                // Small limits: the shards' short lists (32 groups) are shorter than their groups,
                // so the top is proven from them or asked again (decision 49).
                yield return C().Int("limit", 1);
                yield return C().Int("limit", 5).Window(windows[1].From, windows[1].To);
                yield return C().Text("content_id", d.ContentIds[0]);
                yield return C().Text("event_type", "view").Window(windows[2].From, windows[2].To);
                yield return C().Text("content_id", "c-unknown");
                break;
            case "user_recommendations":
                yield return C();
                yield return C().Int("limit", 1_000);
                foreach (var user in users.Take(3))
                {
                    yield return C().Text("user_id", user);
                }
                yield return C().Text("recommendation_id", d.RecommendationIds[0]);
                yield return C().Text("user_id", users[0]).Text("recommendation_id", d.RecommendationIds[1]).Window(windows[1].From, windows[1].To);
                break;
            case "user_session_stats":
                yield return C();
                yield return C().Int("limit", 1_000_000);
                foreach (var user in users)
                {
                    yield return C().Text("user_id", user);
                }
                foreach (var (from, to) in windows.Skip(1))
                {
                    yield return C().Window(from, to).Int("limit", 25);
                }
                break;
            case "user_activity_metrics":
                foreach (var (from, to) in windows)
                {
                    yield return C().Window(from, to);
                }
                foreach (var user in users.Take(4))
                {
                    yield return C().Text("user_id", user);
                }
                break;
            case "customer_segment_lookup":
                foreach (var id in d.CustomerIds.Take(12).Append("lurker-0").Append("no-such-customer"))
                {
                    yield return C().Text("customer_id", id).Time("reference_date", d.ReferenceMs);
                }
                yield return C().Text("customer_id", d.CustomerIds[1]).Time("reference_date", d.ReferenceMs + (37 * Day), 2);
                break;
            case "customer_engagement_analysis":
                yield return C().Time("reference_date", d.ReferenceMs);
                yield return C().Int("limit", 1_000);
                yield return C().Text("event_type", "purchase").Int("limit", 20);
                yield return C().Text("customer_id", d.CustomerIds[2]);
                yield return C().Text("customer_id", "lurker-1");
                yield return C().Window(windows[2].From, windows[2].To).Text("event_type", "view");
                yield return C().Text("event_type", "never-happens").Int("limit", 7);
                break;
            case "customer_segments_summary":
                yield return C();
                yield return C().Text("location", d.Locations[0]);
                yield return C().Text("location", "Paris, FR").Int("min_age", 30);
                yield return C().Int("min_age", 25).Int("max_age", 45);
                yield return C().Int("max_age", 18);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(pipe), pipe, "No cases for this pipe.");
        }
    }

    /// <summary>No window; the whole range; one that starts and ends mid-session; a narrow one; open-ended ones; an empty one.</summary>
    private static IEnumerable<(long? From, long? To)> Windows(DataSet d)
    {
        var span = d.EndMs - d.StartMs;
        yield return (null, null);
        yield return (d.StartMs, d.EndMs);
        yield return (d.StartMs + (span / 3) + 12_345, d.StartMs + (2 * span / 3) + 54_321);
        yield return (d.StartMs + (span / 2), d.StartMs + (span / 2) + (6 * Hour));
        yield return (null, d.StartMs + (span / 4));
        yield return (d.StartMs + (3 * span / 4), null);
        yield return (d.EndMs + Day, d.EndMs + (2 * Day));
    }
}
