-- user_behavior_timeline (PostgreSQL 15; port of duckdb/user_behavior_timeline.sql): one user's
-- events (in the window, of event_type when given), oldest first, limited (default 100);
-- seconds_since_previous is the time since the previous row of this output (0 for the first row).
WITH events AS (
    SELECT "timestamp", event_id, event_type, session_key AS session_id, page, referrer, device,
           os, browser, country, city, properties
    FROM user_events
    WHERE user_id = CAST(:user_id AS text)
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
),
limited AS (
    SELECT *
    FROM events
    ORDER BY "timestamp", event_id, event_type, session_id, page, referrer, device, os, browser,
             country, city, properties
    LIMIT COALESCE(CAST(:limit AS bigint), 100)
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
           CAST((extract(epoch FROM "timestamp") - extract(epoch FROM lag("timestamp") OVER (ORDER BY position))) * 1000
                AS double precision) / 1000,
           0) AS seconds_since_previous
FROM numbered
ORDER BY position
