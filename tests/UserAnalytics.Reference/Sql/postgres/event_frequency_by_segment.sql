-- event_frequency_by_segment (PostgreSQL 15; port of duckdb/event_frequency_by_segment.sql):
-- events per time bucket (time_granularity, default day) and event_type, for members of
-- segment_id when given and event types in event_types when given, in the window: event count,
-- distinct users, and events per user. round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH filtered AS (
    SELECT user_id, event_type, "timestamp"
    FROM user_events
    WHERE (CAST(:segment_id AS text) IS NULL
           OR user_id IN (SELECT user_id FROM segment_members WHERE segment_id = CAST(:segment_id AS text)))
      AND (CAST(:event_types AS text[]) IS NULL OR event_type = ANY (CAST(:event_types AS text[])))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
),
grouped AS (
    SELECT date_trunc(COALESCE(CAST(:time_granularity AS text), 'day'), "timestamp") AS period,
           event_type,
           count(*) AS event_count,
           count(DISTINCT user_id) AS unique_users
    FROM filtered
    GROUP BY 1, 2
)
SELECT period,
       event_type,
       event_count,
       unique_users,
       CASE WHEN unique_users = 0 THEN 0
            ELSE round2(CAST(event_count AS double precision) / unique_users) END AS events_per_user
FROM grouped
ORDER BY period, event_type, event_count, unique_users, events_per_user
