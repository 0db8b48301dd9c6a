-- geographic_distribution: events per (country, region) after the filters (window, event_type,
-- platform, device): event count, distinct users and average duration; most events first,
-- limited (default 100).
WITH filtered AS (
    SELECT user_id, country, region, duration
    FROM user_events
    WHERE (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:event_type IS NULL OR event_type = :event_type)
      AND (:platform IS NULL OR platform = :platform)
      AND (:device IS NULL OR device = :device)
),
grouped AS (
    SELECT country,
           region,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM filtered
    GROUP BY country, region
)
SELECT country,
       region,
       event_count,
       unique_users,
       CASE WHEN event_count = 0 THEN 0
            ELSE round(CAST(total_duration AS DOUBLE) / event_count, 2) END AS avg_duration
FROM grouped
ORDER BY event_count DESC, country, region, unique_users, avg_duration
LIMIT COALESCE(:limit, 100)
