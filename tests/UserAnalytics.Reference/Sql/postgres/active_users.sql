-- active_users (PostgreSQL 15; port of duckdb/active_users.sql): distinct users per time bucket
-- (time_bucket, default day) and platform after the filters (window, event_type, platform,
-- country).
SELECT date_trunc(COALESCE(CAST(:time_bucket AS text), 'day'), "timestamp") AS period,
       platform,
       count(DISTINCT user_id) AS active_users
FROM user_events
WHERE (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
  AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
  AND (CAST(:event_type AS text) IS NULL OR event_type = CAST(:event_type AS text))
  AND (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
  AND (CAST(:country AS text) IS NULL OR country = CAST(:country AS text))
GROUP BY 1, 2
ORDER BY period, platform, active_users
