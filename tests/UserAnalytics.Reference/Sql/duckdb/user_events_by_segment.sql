-- user_events_by_segment: the raw event rows of the members of segment_id, in the window and of
-- event_type when given, newest first; session_id shows the resolved session (session_key).
WITH rows AS (
    SELECT event_id, user_id, session_key AS session_id, event_type, "timestamp", page, referrer,
           os, browser, platform, country, region, city, device, duration, content_id,
           recommendation_id, event_value, product_id, category, properties
    FROM user_events
    WHERE user_id IN (SELECT user_id FROM segment_members WHERE segment_id = :segment_id)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:event_type IS NULL OR event_type = :event_type)
)
SELECT *
FROM rows
ORDER BY "timestamp" DESC, event_id, user_id, session_id, event_type, page, referrer, os, browser,
         platform, country, region, city, device, duration, content_id, recommendation_id,
         event_value, product_id, category, properties
LIMIT COALESCE(:limit, 1000)
