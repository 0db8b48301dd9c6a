-- create_user_segment (PostgreSQL 15; port of duckdb/create_user_segment.sql): the members the
-- rule selects, one user_id a row, ascending. Users with at least min_event_count (default 1)
-- events of event_type (in country, when given) with
-- reference_date - time_period_days (default 30) days < timestamp <= reference_date.
SELECT user_id
FROM user_events
WHERE event_type = CAST(:event_type AS text)
  AND (CAST(:country AS text) IS NULL OR country = CAST(:country AS text))
  AND "timestamp" > CAST(:reference_date AS timestamp)
                    - make_interval(days => COALESCE(CAST(:time_period_days AS integer), 30))
  AND "timestamp" <= CAST(:reference_date AS timestamp)
GROUP BY user_id
HAVING count(*) >= COALESCE(CAST(:min_event_count AS bigint), 1)
ORDER BY user_id
