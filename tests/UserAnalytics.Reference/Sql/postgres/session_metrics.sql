-- session_metrics (PostgreSQL 15; port of duckdb/session_metrics.sql): sessions of the filtered
-- events (window, platform, device, country), counted in the bucket (time_bucket, default day)
-- of their start: sessions, distinct users, average duration in seconds, bounce rate (sessions
-- of exactly one event, percent) and average events per session. round2 (data_sources.sql) is
-- DuckDB's round(x, 2).
WITH filtered AS (
    SELECT user_id, session_key, "timestamp"
    FROM user_events
    WHERE (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
      AND (CAST(:device AS text) IS NULL OR device = CAST(:device AS text))
      AND (CAST(:country AS text) IS NULL OR country = CAST(:country AS text))
),
sessions AS (
    SELECT user_id,
           session_key,
           min("timestamp") AS session_start,
           CAST((extract(epoch FROM max("timestamp")) - extract(epoch FROM min("timestamp"))) * 1000
                AS bigint) AS duration_ms,
           count(*) AS event_count
    FROM filtered
    GROUP BY user_id, session_key
),
grouped AS (
    SELECT date_trunc(COALESCE(CAST(:time_bucket AS text), 'day'), session_start) AS period,
           count(*) AS sessions,
           count(DISTINCT user_id) AS unique_users,
           sum(duration_ms) AS total_duration_ms,
           count(*) FILTER (WHERE event_count = 1) AS bounces,
           sum(event_count) AS total_events
    FROM sessions
    GROUP BY 1
)
SELECT period,
       sessions,
       unique_users,
       CASE WHEN sessions = 0 THEN 0
            ELSE round2(CAST(total_duration_ms AS double precision) / sessions / 1000) END AS avg_session_duration,
       CASE WHEN sessions = 0 THEN 0
            ELSE round2(100 * CAST(bounces AS double precision) / sessions) END AS bounce_rate,
       CASE WHEN sessions = 0 THEN 0
            ELSE round2(CAST(total_events AS double precision) / sessions) END AS avg_events_per_session
FROM grouped
ORDER BY period, sessions, unique_users, avg_session_duration, bounce_rate, avg_events_per_session
