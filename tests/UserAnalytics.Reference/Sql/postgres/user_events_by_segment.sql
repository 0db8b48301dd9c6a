-- user_events_by_segment (PostgreSQL 15; port of duckdb/user_events_by_segment.sql): the raw
-- event rows of the members of segment_id, in the window and of event_type when given, newest
-- first, limited (default 1000); session_id shows the resolved session (session_key).
WITH rows AS (
    SELECT event_id, user_id, session_key AS session_id, event_type, "timestamp", page, referrer,
           os, browser, platform, country, region, city, device, duration, content_id,
           recommendation_id, event_value, product_id, category, properties
    FROM user_events
    WHERE user_id IN (SELECT user_id FROM segment_members WHERE segment_id = CAST(:segment_id AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
)
SELECT event_id, user_id, session_id, event_type, "timestamp", page, referrer, os, browser,
       platform, country, region, city, device, duration, content_id, recommendation_id,
       event_value, product_id, category, properties
FROM rows
ORDER BY "timestamp" DESC NULLS LAST, event_id, user_id, session_id, event_type, page, referrer,
         os, browser, platform, country, region, city, device, duration, content_id,
         recommendation_id, event_value, product_id, category, properties
LIMIT COALESCE(CAST(:limit AS bigint), 1000)
