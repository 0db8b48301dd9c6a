-- user_event_timeline (PostgreSQL 15; port of duckdb/user_event_timeline.sql): one user's events
-- (in the window, of event_type when given), newest first, limited (default 100); session_id
-- shows the resolved session (session_key).
WITH events AS (
    SELECT event_id,
           event_type,
           page AS page_url,
           referrer,
           device AS device_type,
           browser,
           country,
           city,
           properties,
           session_key AS session_id,
           "timestamp"
    FROM user_events
    WHERE user_id = CAST(:user_id AS text)
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
)
SELECT event_id, event_type, page_url, referrer, device_type, browser, country, city, properties,
       session_id, "timestamp"
FROM events
ORDER BY "timestamp" DESC NULLS LAST, event_id, event_type, page_url, referrer, device_type,
         browser, country, city, properties, session_id
LIMIT COALESCE(CAST(:limit AS bigint), 100)
