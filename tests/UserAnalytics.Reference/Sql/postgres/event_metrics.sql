-- event_metrics (PostgreSQL 15; port of duckdb/event_metrics.sql): per event_type after the
-- filters (window, platform, device, country): event count, distinct users and average duration;
-- most events first. round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH grouped AS (
    SELECT event_type,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM user_events
    WHERE (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
      AND (CAST(:device AS text) IS NULL OR device = CAST(:device AS text))
      AND (CAST(:country AS text) IS NULL OR country = CAST(:country AS text))
    GROUP BY event_type
)
SELECT event_type,
       event_count,
       unique_users,
       CASE WHEN event_count = 0 THEN 0
            ELSE round2(CAST(total_duration AS double precision) / event_count) END AS avg_duration
FROM grouped
ORDER BY event_count DESC NULLS LAST, event_type, unique_users, avg_duration
