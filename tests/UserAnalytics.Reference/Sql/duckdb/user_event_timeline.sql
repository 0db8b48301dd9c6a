-- user_event_timeline: one user's events (in the window, of event_type when given), newest
-- first, limited (default 100); session_id shows the resolved session (session_key).
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
    WHERE user_id = :user_id
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:event_type IS NULL OR event_type = :event_type)
)
SELECT *
FROM events
ORDER BY "timestamp" DESC, event_id, event_type, page_url, referrer, device_type, browser, country,
         city, properties, session_id
LIMIT COALESCE(:limit, 100)
