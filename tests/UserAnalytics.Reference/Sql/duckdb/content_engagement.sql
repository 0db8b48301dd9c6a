-- content_engagement: per (content_id, event_type) over events with a content_id, filtered by
-- content_id, event_type and the window: event count, distinct users, total and average
-- duration; most events first, limited (default 50).
WITH grouped AS (
    SELECT content_id,
           event_type,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM user_events
    WHERE content_id <> ''
      AND (:content_id IS NULL OR content_id = :content_id)
      AND (:event_type IS NULL OR event_type = :event_type)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
    GROUP BY content_id, event_type
)
SELECT content_id,
       event_type,
       event_count,
       unique_users,
       total_duration,
       CASE WHEN event_count = 0 THEN 0
            ELSE round(CAST(total_duration AS DOUBLE) / event_count, 2) END AS avg_duration
FROM grouped
ORDER BY event_count DESC, content_id, event_type, unique_users, total_duration, avg_duration
LIMIT COALESCE(:limit, 50)
