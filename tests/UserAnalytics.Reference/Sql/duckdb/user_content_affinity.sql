-- user_content_affinity: per (user_id, content_id) over events with a content_id, in the window
-- and of user_id when given: views, clicks, likes, shares, total duration, last interaction, and
-- affinity_score = views + 2 clicks + 3 likes + 4 shares + total_duration / 60 (rounded to 2);
-- highest score first, limited (default 50).
WITH grouped AS (
    SELECT user_id,
           content_id,
           count(*) FILTER (WHERE event_type = 'view') AS views,
           count(*) FILTER (WHERE event_type = 'click') AS clicks,
           count(*) FILTER (WHERE event_type = 'like') AS likes,
           count(*) FILTER (WHERE event_type = 'share') AS shares,
           sum(duration) AS total_duration,
           max("timestamp") AS last_interaction
    FROM user_events
    WHERE content_id <> ''
      AND (:user_id IS NULL OR user_id = :user_id)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
    GROUP BY user_id, content_id
)
SELECT user_id,
       content_id,
       views,
       clicks,
       likes,
       shares,
       total_duration,
       last_interaction,
       round(views + 2 * clicks + 3 * likes + 4 * shares + total_duration / 60, 2) AS affinity_score
FROM grouped
ORDER BY affinity_score DESC, user_id, content_id, views, clicks, likes, shares, total_duration,
         last_interaction
LIMIT COALESCE(:limit, 50)
