-- user_session_stats: one row per session (user_id, session_key) of the filtered events
-- (user_id, window): start, end, duration in seconds, events, page views, distinct non-empty
-- pages, and device, browser and country of the session's first filtered event (by timestamp,
-- then event_id). Newest session start first, limited (default 100).
WITH filtered AS (
    SELECT *
    FROM user_events
    WHERE (:user_id IS NULL OR user_id = :user_id)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
),
sessions AS (
    SELECT session_key AS session_id,
           user_id,
           min("timestamp") AS session_start,
           max("timestamp") AS session_end,
           CAST(epoch_ms(max("timestamp")) - epoch_ms(min("timestamp")) AS DOUBLE) / 1000 AS duration_seconds,
           count(*) AS event_count,
           count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
           count(DISTINCT page) FILTER (WHERE page <> '') AS unique_pages,
           first(device ORDER BY "timestamp", event_id) AS device_type,
           first(browser ORDER BY "timestamp", event_id) AS browser,
           first(country ORDER BY "timestamp", event_id) AS country
    FROM filtered
    GROUP BY user_id, session_key
)
SELECT *
FROM sessions
ORDER BY session_start DESC, session_id, user_id, session_end, duration_seconds, event_count,
         page_views, unique_pages, device_type, browser, country
LIMIT COALESCE(:limit, 100)
