-- event_funnel_analysis: how many users reach each step of event_steps.
-- Events: in the window, and of members of segment_id when given. For each occurrence of step 1
-- (at t1) the chain takes, for each next step in turn, the earliest event of that step's type
-- strictly later than the previous matched event and at most window_seconds (default 604800)
-- after t1; it stops at the first step that cannot be matched. A user's level is the longest
-- chain over all step-1 occurrences (0 without any). Per step: users with level >= step, the
-- conversion from step 1, from the previous step, and the drop-off from the previous step.
WITH RECURSIVE
filtered AS (
    SELECT user_id, event_type, "timestamp"
    FROM user_events
    WHERE (:segment_id IS NULL
           OR user_id IN (SELECT user_id FROM segment_members WHERE segment_id = :segment_id))
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
),
steps AS (
    SELECT i AS step, (:event_steps)[i] AS event_type
    FROM range(1, len(:event_steps) + 1) AS r(i)
),
-- One row per step-1 occurrence and level reached; matched_time is the time of the event that
-- matched step `level`, or NULL when that step could not be matched (the chain stops there).
chains(user_id, first_time, matched_time, level) AS (
    SELECT user_id, "timestamp", "timestamp", 1
    FROM filtered
    WHERE event_type = (:event_steps)[1]
    UNION
    SELECT c.user_id,
           c.first_time,
           (SELECT min(f."timestamp")
            FROM filtered f
            WHERE f.user_id = c.user_id
              AND f.event_type = (:event_steps)[c.level + 1]
              AND f."timestamp" > c.matched_time
              AND epoch_ms(f."timestamp") - epoch_ms(c.first_time)
                  <= CAST(COALESCE(:window_seconds, 604800) AS BIGINT) * 1000),
           c.level + 1
    FROM chains c
    WHERE c.matched_time IS NOT NULL
      AND c.level < len(:event_steps)
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
            ELSE round(100 * CAST(users AS DOUBLE) / first_step_users, 2) END AS conversion_rate,
       CASE WHEN step = 1 THEN (CASE WHEN users > 0 THEN 100 ELSE 0 END)
            WHEN previous_users = 0 THEN 0
            ELSE round(100 * CAST(users AS DOUBLE) / previous_users, 2) END AS step_conversion_rate,
       CASE WHEN step = 1 THEN 0 ELSE previous_users - users END AS drop_off
FROM with_previous
ORDER BY step
