-- user_activity_metrics (PostgreSQL 15; port of duckdb/user_activity_metrics.sql): per date of
-- the filtered events (window, user_id): distinct users, events, sessions that start on that
-- date (sessions of the filtered events), page views, clicks, and click_through_rate =
-- clicks / page_views as a ratio rounded to 2 (not a percent). Newest date first.
-- round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH filtered AS (
    SELECT user_id, session_key, event_type, "timestamp"
    FROM user_events
    WHERE (CAST(:user_id AS text) IS NULL OR user_id = CAST(:user_id AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
),
daily AS (
    SELECT CAST("timestamp" AS date) AS date,
           count(DISTINCT user_id) AS active_users,
           count(*) AS total_events,
           count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
           count(*) FILTER (WHERE event_type = 'click') AS clicks
    FROM filtered
    GROUP BY 1
),
session_starts AS (
    SELECT CAST(min("timestamp") AS date) AS date
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
            ELSE round2(CAST(d.clicks AS double precision) / d.page_views) END AS click_through_rate
FROM daily d
LEFT JOIN daily_sessions s ON s.date = d.date
ORDER BY d.date DESC NULLS LAST, active_users, total_events, sessions, page_views, clicks,
         click_through_rate
