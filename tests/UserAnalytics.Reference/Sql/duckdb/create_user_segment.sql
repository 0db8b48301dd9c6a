-- create_user_segment: the members the rule selects, one user_id a row, ascending.
-- Users with at least min_event_count (default 1) events of event_type (in country, when given)
-- with reference_date - time_period_days (default 30) days < timestamp <= reference_date.
SELECT user_id
FROM user_events
WHERE event_type = :event_type
  AND (:country IS NULL OR country = :country)
  AND "timestamp" > :reference_date - to_days(CAST(COALESCE(:time_period_days, 30) AS INTEGER))
  AND "timestamp" <= :reference_date
GROUP BY user_id
HAVING count(*) >= COALESCE(:min_event_count, 1)
ORDER BY user_id
