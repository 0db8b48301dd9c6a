-- content_engagement (PostgreSQL 15; port of duckdb/content_engagement.sql): per
-- (content_id, event_type) over events with a content_id, filtered by content_id, event_type and
-- the window: event count, distinct users, total and average duration; most events first,
-- limited (default 50). round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH grouped AS (
    SELECT content_id,
           event_type,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM user_events
    WHERE content_id <> ''
      AND (CAST(:content_id AS text) IS NULL OR content_id = CAST(:content_id AS text))
      AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
    GROUP BY content_id, event_type
)
SELECT content_id,
       event_type,
       event_count,
       unique_users,
       total_duration,
       CASE WHEN event_count = 0 THEN 0
            ELSE round2(CAST(total_duration AS double precision) / event_count) END AS avg_duration
FROM grouped
ORDER BY event_count DESC NULLS LAST, content_id, event_type, unique_users, total_duration, avg_duration
LIMIT COALESCE(CAST(:limit AS bigint), 50)
