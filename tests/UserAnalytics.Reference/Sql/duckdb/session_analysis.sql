-- session_analysis: one row per session (user_id, session_key) of the filtered events (platform,
-- device, window). platform and device come from the session's first filtered event (by
-- timestamp, then event_id). Newest session start first, limited (default 50).
WITH filtered AS (
    SELECT *
    FROM user_events
    WHERE (:platform IS NULL OR platform = :platform)
      AND (:device IS NULL OR device = :device)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
),
sessions AS (
    SELECT session_key AS session_id,
           user_id,
           first(platform ORDER BY "timestamp", event_id) AS platform,
           first(device ORDER BY "timestamp", event_id) AS device,
           min("timestamp") AS session_start,
           max("timestamp") AS session_end,
           CAST(epoch_ms(max("timestamp")) - epoch_ms(min("timestamp")) AS DOUBLE) / 1000 AS duration_seconds,
           count(*) AS event_count,
           count(DISTINCT content_id) FILTER (WHERE content_id <> '') AS unique_content,
           count(*) FILTER (WHERE event_type IN ('click', 'like', 'share')) AS interactions,
           sum(duration) AS total_duration
    FROM filtered
    GROUP BY user_id, session_key
)
SELECT *
FROM sessions
ORDER BY session_start DESC, session_id, user_id, platform, device, session_end, duration_seconds,
         event_count, unique_content, interactions, total_duration
LIMIT COALESCE(:limit, 50)
