-- user_session_stats (PostgreSQL 15; port of duckdb/user_session_stats.sql): one row per session
-- (user_id, session_key) of the filtered events (user_id, window): start, end, duration in
-- seconds, events, page views, distinct non-empty pages, and device, browser and country of the
-- session's first filtered event (by timestamp, then event_id). Newest session start first,
-- limited (default 100).
WITH filtered AS (
    SELECT user_id, session_key, event_type, "timestamp", page, device, browser, country,
           row_number() OVER (PARTITION BY user_id, session_key ORDER BY "timestamp", event_id)
               AS position_in_session
    FROM user_events
    WHERE (CAST(:user_id AS text) IS NULL OR user_id = CAST(:user_id AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
),
sessions AS (
    SELECT session_key AS session_id,
           user_id,
           min("timestamp") AS session_start,
           max("timestamp") AS session_end,
           CAST((extract(epoch FROM max("timestamp")) - extract(epoch FROM min("timestamp"))) * 1000
                AS double precision) / 1000 AS duration_seconds,
           count(*) AS event_count,
           count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
           count(DISTINCT page) FILTER (WHERE page <> '') AS unique_pages,
           -- DuckDB's first(x ORDER BY "timestamp", event_id): the value on the first event
           -- (the FILTER keeps exactly one row).
           min(device) FILTER (WHERE position_in_session = 1) AS device_type,
           min(browser) FILTER (WHERE position_in_session = 1) AS browser,
           min(country) FILTER (WHERE position_in_session = 1) AS country
    FROM filtered
    GROUP BY user_id, session_key
)
SELECT session_id, user_id, session_start, session_end, duration_seconds, event_count, page_views,
       unique_pages, device_type, browser, country
FROM sessions
ORDER BY session_start DESC NULLS LAST, session_id, user_id, session_end, duration_seconds,
         event_count, page_views, unique_pages, device_type, browser, country
LIMIT COALESCE(CAST(:limit AS bigint), 100)
