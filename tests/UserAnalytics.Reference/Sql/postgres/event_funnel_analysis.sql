-- event_funnel_analysis (PostgreSQL 15; port of duckdb/event_funnel_analysis.sql): how many
-- users reach each step of event_steps.
-- Events: in the window, and of members of segment_id when given. For each occurrence of step 1
-- (at t1) the chain takes, for each next step in turn, the earliest event of that step's type
-- strictly later than the previous matched event and at most window_seconds (default 604800)
-- after t1; it stops at the first step that cannot be matched. A user's level is the longest
-- chain over all step-1 occurrences (0 without any). Per step: users with level >= step, the
-- conversion from step 1, from the previous step, and the drop-off from the previous step.
-- round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH RECURSIVE
steps AS (
    SELECT s.step, s.event_type
    FROM unnest(CAST(:event_steps AS text[])) WITH ORDINALITY AS s(event_type, step)
),
-- One row per step-1 occurrence and level reached; matched_time is the time of the event that
-- matched step `level`, or NULL when that step could not be matched (the chain stops there).
-- (matched_time is a plain timestamp in both terms: min() in the recursive term drops the (3).)
chains(user_id, first_time, matched_time, level) AS (
    SELECT user_id, "timestamp", CAST("timestamp" AS timestamp), 1
    FROM user_events
    WHERE event_type = (CAST(:event_steps AS text[]))[1]
      AND (CAST(:segment_id AS text) IS NULL
           OR user_id IN (SELECT user_id FROM segment_members WHERE segment_id = CAST(:segment_id AS text)))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
    UNION
    SELECT c.user_id,
           c.first_time,
           -- The earliest later event of the step's type is the match when it lies within
           -- window_seconds of t1; when it does not, no later one does.
           CASE WHEN (extract(epoch FROM n.next_time) - extract(epoch FROM c.first_time)) * 1000
                     <= COALESCE(CAST(:window_seconds AS bigint), 604800) * 1000
                THEN n.next_time END,
           c.level + 1
    FROM chains c
    CROSS JOIN LATERAL (
        -- The user passed the segment filter with the step-1 event; the window still applies.
        SELECT min(f."timestamp") AS next_time
        FROM user_events f
        WHERE f.user_id = c.user_id
          AND f.event_type = (CAST(:event_steps AS text[]))[c.level + 1]
          AND f."timestamp" > c.matched_time
          AND (CAST(:start_date AS timestamp) IS NULL OR f."timestamp" >= CAST(:start_date AS timestamp))
          AND (CAST(:end_date AS timestamp) IS NULL OR f."timestamp" <= CAST(:end_date AS timestamp))
    ) n
    WHERE c.matched_time IS NOT NULL
      AND c.level < array_length(CAST(:event_steps AS text[]), 1)
),
user_levels AS (
    SELECT user_id, max(level) AS level
    FROM chains
    WHERE matched_time IS NOT NULL
    GROUP BY user_id
),
step_users AS (
    SELECT s.step, s.event_type, count(l.user_id) AS users
    FROM steps s
    LEFT JOIN user_levels l ON l.level >= s.step
    GROUP BY s.step, s.event_type
),
with_previous AS (
    SELECT step, event_type, users,
           first_value(users) OVER (ORDER BY step) AS first_step_users,
           lag(users) OVER (ORDER BY step) AS previous_users
    FROM step_users
)
SELECT step,
       event_type,
       users,
       CASE WHEN first_step_users = 0 THEN 0
            ELSE round2(100 * CAST(users AS double precision) / first_step_users) END AS conversion_rate,
       CASE WHEN step = 1 THEN (CASE WHEN users > 0 THEN 100 ELSE 0 END)
            WHEN previous_users = 0 THEN 0
            ELSE round2(100 * CAST(users AS double precision) / previous_users) END AS step_conversion_rate,
       CASE WHEN step = 1 THEN 0 ELSE previous_users - users END AS drop_off
FROM with_previous
ORDER BY step
