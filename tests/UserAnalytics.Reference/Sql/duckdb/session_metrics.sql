-- session_metrics: sessions of the filtered events (window, platform, device, country), counted
-- in the bucket (time_bucket, default day) of their start: sessions, distinct users, average
-- duration in seconds, bounce rate (sessions of exactly one event, percent) and average events
-- per session.
WITH filtered AS (
    SELECT user_id, session_key, "timestamp"
    FROM user_events
    WHERE (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:platform IS NULL OR platform = :platform)
      AND (:device IS NULL OR device = :device)
      AND (:country IS NULL OR country = :country)
),
sessions AS (
    SELECT user_id,
           session_key,
           min("timestamp") AS session_start,
           epoch_ms(max("timestamp")) - epoch_ms(min("timestamp")) AS duration_ms,
           count(*) AS event_count
    FROM filtered
    GROUP BY user_id, session_key
),
grouped AS (
    SELECT date_trunc(COALESCE(:time_bucket, 'day'), session_start) AS period,
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
            ELSE round(CAST(total_duration_ms AS DOUBLE) / sessions / 1000, 2) END AS avg_session_duration,
       CASE WHEN sessions = 0 THEN 0
            ELSE round(100 * CAST(bounces AS DOUBLE) / sessions, 2) END AS bounce_rate,
       CASE WHEN sessions = 0 THEN 0
            ELSE round(CAST(total_events AS DOUBLE) / sessions, 2) END AS avg_events_per_session
FROM grouped
ORDER BY period, sessions, unique_users, avg_session_duration, bounce_rate, avg_events_per_session
