-- active_users: distinct users per time bucket (time_bucket, default day) and platform after the
-- filters (window, event_type, platform, country).
SELECT date_trunc(COALESCE(:time_bucket, 'day'), "timestamp") AS period,
       platform,
       count(DISTINCT user_id) AS active_users
FROM user_events
WHERE (:start_date IS NULL OR "timestamp" >= :start_date)
  AND (:end_date IS NULL OR "timestamp" <= :end_date)
  AND (:event_type IS NULL OR event_type = :event_type)
  AND (:platform IS NULL OR platform = :platform)
  AND (:country IS NULL OR country = :country)
GROUP BY 1, 2
ORDER BY period, platform, active_users
