-- user_behavior_timeline: one user's events (in the window, of event_type when given), oldest
-- first, limited (default 100); seconds_since_previous is the time since the previous row of
-- this output (0 for the first row).
WITH events AS (
    SELECT "timestamp", event_id, event_type, session_key AS session_id, page, referrer, device,
           os, browser, country, city, properties
    FROM user_events
    WHERE user_id = :user_id
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
      AND (:event_type IS NULL OR event_type = :event_type)
),
limited AS (
    SELECT *
    FROM events
    ORDER BY "timestamp", event_id, event_type, session_id, page, referrer, device, os, browser,
             country, city, properties
    LIMIT COALESCE(:limit, 100)
),
numbered AS (
    SELECT *,
           row_number() OVER (
               ORDER BY "timestamp", event_id, event_type, session_id, page, referrer, device, os,
                        browser, country, city, properties
           ) AS position
    FROM limited
)
SELECT "timestamp", event_id, event_type, session_id, page, referrer, device, os, browser,
       country, city, properties,
       COALESCE(
           CAST(epoch_ms("timestamp") - epoch_ms(lag("timestamp") OVER (ORDER BY position)) AS DOUBLE) / 1000,
           0) AS seconds_since_previous
FROM numbered
ORDER BY position
