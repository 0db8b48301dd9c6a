-- user_activity_metrics: per date of the filtered events (window, user_id): distinct users,
-- events, sessions that start on that date (sessions of the filtered events), page views,
-- clicks, and click_through_rate = clicks / page_views as a ratio rounded to 2 (not a percent).
-- Newest date first.
WITH filtered AS (
    SELECT user_id, session_key, event_type, "timestamp"
    FROM user_events
    WHERE (:user_id IS NULL OR user_id = :user_id)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
),
daily AS (
    SELECT CAST("timestamp" AS DATE) AS date,
           count(DISTINCT user_id) AS active_users,
           count(*) AS total_events,
           count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
           count(*) FILTER (WHERE event_type = 'click') AS clicks
    FROM filtered
    GROUP BY 1
),
session_starts AS (
    SELECT CAST(min("timestamp") AS DATE) AS date
    FROM filtered
    GROUP BY user_id, session_key
),
daily_sessions AS (
    SELECT date, count(*) AS sessions
    FROM session_starts
    GROUP BY date
)
SELECT d.date,
       d.active_users,
       d.total_events,
       COALESCE(s.sessions, 0) AS sessions,
       d.page_views,
       d.clicks,
       CASE WHEN d.page_views = 0 THEN 0
            ELSE round(CAST(d.clicks AS DOUBLE) / d.page_views, 2) END AS click_through_rate
FROM daily d
LEFT JOIN daily_sessions s ON s.date = d.date
ORDER BY d.date DESC, active_users, total_events, sessions, page_views, clicks, click_through_rate
