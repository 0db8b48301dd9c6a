-- session_analysis (PostgreSQL 15; port of duckdb/session_analysis.sql): one row per session
-- (user_id, session_key) of the filtered events (platform, device, window). platform and device
-- come from the session's first filtered event (by timestamp, then event_id). Newest session
-- start first, limited (default 50).
WITH filtered AS (
    SELECT user_id, session_key, event_type, "timestamp", platform, device, content_id, duration,
           row_number() OVER (PARTITION BY user_id, session_key ORDER BY "timestamp", event_id)
               AS position_in_session
    FROM user_events
    WHERE (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
      AND (CAST(:device AS text) IS NULL OR device = CAST(:device AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
),
sessions AS (
    SELECT session_key AS session_id,
           user_id,
           -- DuckDB's first(x ORDER BY "timestamp", event_id): the value on the first event
           -- (the FILTER keeps exactly one row).
           min(platform) FILTER (WHERE position_in_session = 1) AS platform,
           min(device) FILTER (WHERE position_in_session = 1) AS device,
           min("timestamp") AS session_start,
           max("timestamp") AS session_end,
           CAST((extract(epoch FROM max("timestamp")) - extract(epoch FROM min("timestamp"))) * 1000
                AS double precision) / 1000 AS duration_seconds,
           count(*) AS event_count,
           count(DISTINCT content_id) FILTER (WHERE content_id <> '') AS unique_content,
           count(*) FILTER (WHERE event_type IN ('click', 'like', 'share')) AS interactions,
           sum(duration) AS total_duration
    FROM filtered
    GROUP BY user_id, session_key
)
SELECT session_id, user_id, platform, device, session_start, session_end, duration_seconds,
       event_count, unique_content, interactions, total_duration
FROM sessions
ORDER BY session_start DESC NULLS LAST, session_id, user_id, platform, device, session_end,
         duration_seconds, event_count, unique_content, interactions, total_duration
LIMIT COALESCE(CAST(:limit AS bigint), 50)
