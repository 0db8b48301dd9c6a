-- user_retention_analysis (PostgreSQL 15; port of duckdb/user_retention_analysis.sql): weekly
-- cohort retention.
-- Users: members of segment_id (all users when absent) with at least one event in the window.
-- A user's cohort_week is the Monday of the week of their first in-window event. For every
-- cohort and week_number 0..max_weeks (default 8) whose week start (midnight) is not after
-- end_date: the cohort size, how many cohort users have an in-window event in that week, and
-- that count as a percentage of the cohort. round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH filtered AS (
    SELECT user_id, "timestamp"
    FROM user_events
    WHERE (CAST(:segment_id AS text) IS NULL
           OR user_id IN (SELECT user_id FROM segment_members WHERE segment_id = CAST(:segment_id AS text)))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
),
user_weeks AS (
    SELECT DISTINCT user_id, CAST(date_trunc('week', "timestamp") AS date) AS activity_week
    FROM filtered
),
cohorts AS (
    SELECT user_id, min(activity_week) AS cohort_week
    FROM user_weeks
    GROUP BY user_id
),
cohort_sizes AS (
    SELECT cohort_week, count(*) AS cohort_size
    FROM cohorts
    GROUP BY cohort_week
),
grid AS (
    SELECT s.cohort_week, s.cohort_size, w.week_number
    FROM cohort_sizes s
    CROSS JOIN generate_series(CAST(0 AS bigint), COALESCE(CAST(:max_weeks AS bigint), 8)) AS w(week_number)
    WHERE CAST(:end_date AS timestamp) IS NULL
       OR CAST(s.cohort_week + CAST(7 * w.week_number AS integer) AS timestamp) <= CAST(:end_date AS timestamp)
),
retained AS (
    SELECT c.cohort_week,
           CAST((u.activity_week - c.cohort_week) / 7 AS bigint) AS week_number,
           count(*) AS retained_users
    FROM cohorts c
    JOIN user_weeks u ON u.user_id = c.user_id
    GROUP BY 1, 2
),
result AS (
    SELECT g.cohort_week,
           g.cohort_size,
           g.week_number,
           COALESCE(r.retained_users, 0) AS retained_users
    FROM grid g
    LEFT JOIN retained r ON r.cohort_week = g.cohort_week AND r.week_number = g.week_number
)
SELECT cohort_week,
       cohort_size,
       week_number,
       retained_users,
       CASE WHEN cohort_size = 0 THEN 0
            ELSE round2(100 * CAST(retained_users AS double precision) / cohort_size) END AS retention_rate
FROM result
ORDER BY cohort_week, week_number, cohort_size, retained_users, retention_rate
