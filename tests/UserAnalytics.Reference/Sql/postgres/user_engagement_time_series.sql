-- user_engagement_time_series (PostgreSQL 15; port of duckdb/user_engagement_time_series.sql):
-- events per time bucket (time_bucket, default hour) after the filters (window, event_type,
-- platform, device, country): event count, distinct users, and the average duration.
-- round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH filtered AS (
    SELECT user_id, "timestamp", duration
    FROM user_events
    WHERE (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
      AND (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
      AND (CAST(:device AS text) IS NULL OR device = CAST(:device AS text))
      AND (CAST(:country AS text) IS NULL OR country = CAST(:country AS text))
),
grouped AS (
    SELECT date_trunc(COALESCE(CAST(:time_bucket AS text), 'hour'), "timestamp") AS period,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM filtered
    GROUP BY 1
)
SELECT period,
       event_count,
       unique_users,
       CASE WHEN event_count = 0 THEN 0
            ELSE round2(CAST(total_duration AS double precision) / event_count) END AS avg_duration
FROM grouped
ORDER BY period, event_count, unique_users, avg_duration
