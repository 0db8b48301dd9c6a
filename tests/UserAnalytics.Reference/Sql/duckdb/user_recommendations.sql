-- user_recommendations: per (user_id, recommendation_id) over events with a recommendation_id,
-- filtered by user_id, recommendation_id and the window: impressions (views), clicks, likes,
-- shares, click-through rate (percent of impressions) and last interaction; most recent first,
-- limited (default 50).
WITH grouped AS (
    SELECT user_id,
           recommendation_id,
           count(*) FILTER (WHERE event_type = 'view') AS impressions,
           count(*) FILTER (WHERE event_type = 'click') AS clicks,
           count(*) FILTER (WHERE event_type = 'like') AS likes,
           count(*) FILTER (WHERE event_type = 'share') AS shares,
           max("timestamp") AS last_interaction
    FROM user_events
    WHERE recommendation_id <> ''
      AND (:user_id IS NULL OR user_id = :user_id)
      AND (:recommendation_id IS NULL OR recommendation_id = :recommendation_id)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
    GROUP BY user_id, recommendation_id
)
SELECT user_id,
       recommendation_id,
       impressions,
       clicks,
       likes,
       shares,
       CASE WHEN impressions = 0 THEN 0
            ELSE round(100 * CAST(clicks AS DOUBLE) / impressions, 2) END AS ctr,
       last_interaction
FROM grouped
ORDER BY last_interaction DESC, user_id, recommendation_id, impressions, clicks, likes, shares, ctr
LIMIT COALESCE(:limit, 50)
