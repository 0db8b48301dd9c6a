-- event_metrics: per event_type after the filters (window, platform, device, country): event
-- count, distinct users and average duration; most events first.
WITH grouped AS (
    SELECT event_type,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM user_events
    WHERE (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:platform IS NULL OR platform = :platform)
      AND (:device IS NULL OR device = :device)
      AND (:country IS NULL OR country = :country)
    GROUP BY event_type
)
SELECT event_type,
       event_count,
       unique_users,
       CASE WHEN event_count = 0 THEN 0
            ELSE round(CAST(total_duration AS DOUBLE) / event_count, 2) END AS avg_duration
FROM grouped
ORDER BY event_count DESC, event_type, unique_users, avg_duration
