-- geographic_distribution (PostgreSQL 15; port of duckdb/geographic_distribution.sql): events
-- per (country, region) after the filters (window, event_type, platform, device): event count,
-- distinct users and average duration; most events first, limited (default 100).
-- round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH filtered AS (
    SELECT user_id, country, region, duration
    FROM user_events
    WHERE (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
      AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
      AND (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
      AND (CAST(:device AS text) IS NULL OR device = CAST(:device AS text))
),
grouped AS (
    SELECT country,
           region,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users,
           sum(duration) AS total_duration
    FROM filtered
    GROUP BY country, region
)
SELECT country,
       region,
       event_count,
       unique_users,
       CASE WHEN event_count = 0 THEN 0
            ELSE round2(CAST(total_duration AS double precision) / event_count) END AS avg_duration
FROM grouped
ORDER BY event_count DESC NULLS LAST, country, region, unique_users, avg_duration
LIMIT COALESCE(CAST(:limit AS bigint), 100)
