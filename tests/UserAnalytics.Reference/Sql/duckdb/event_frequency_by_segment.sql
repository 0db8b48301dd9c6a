-- event_frequency_by_segment: events per time bucket (time_granularity, default day) and
-- event_type, for members of segment_id when given and event types in event_types when given,
-- in the window: event count, distinct users, and events per user.
WITH filtered AS (
    SELECT user_id, event_type, "timestamp"
    FROM user_events
    WHERE (:segment_id IS NULL
           OR user_id IN (SELECT user_id FROM segment_members WHERE segment_id = :segment_id))
      AND (:event_types IS NULL OR list_contains(:event_types, event_type))
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
),
grouped AS (
    SELECT date_trunc(COALESCE(:time_granularity, 'day'), "timestamp") AS period,
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
            ELSE round(CAST(event_count AS DOUBLE) / unique_users, 2) END AS events_per_user
FROM grouped
ORDER BY period, event_type, event_count, unique_users, events_per_user
