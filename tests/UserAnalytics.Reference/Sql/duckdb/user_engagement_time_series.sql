-- user_engagement_time_series: events per time bucket (time_bucket, default hour) after the
-- filters (window, event_type, platform, device, country): event count, distinct users, and the
-- average duration.
WITH filtered AS (
    SELECT user_id, "timestamp", duration
    FROM user_events
    WHERE (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:event_type IS NULL OR event_type = :event_type)
      AND (:platform IS NULL OR platform = :platform)
      AND (:device IS NULL OR device = :device)
      AND (:country IS NULL OR country = :country)
),
grouped AS (
    SELECT date_trunc(COALESCE(:time_bucket, 'hour'), "timestamp") AS period,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM filtered
    GROUP BY 1
)
SELECT period,
       event_count,
       unique_users,
       CASE WHEN event_count = 0 THEN 0
            ELSE round(CAST(total_duration AS DOUBLE) / event_count, 2) END AS avg_duration
FROM grouped
ORDER BY period, event_count, unique_users, avg_duration
