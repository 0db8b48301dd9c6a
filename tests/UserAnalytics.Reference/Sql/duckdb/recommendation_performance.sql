-- recommendation_performance: per recommendation_id over events with one, in the window and on
-- platform when given: impressions (views), clicks, likes, shares, distinct users, click-through
-- rate and engagement rate (percent of impressions), average duration; most clicks first,
-- limited (default 50).
WITH grouped AS (
    SELECT recommendation_id,
           count(*) FILTER (WHERE event_type = 'view') AS impressions,
           count(*) FILTER (WHERE event_type = 'click') AS clicks,
           count(*) FILTER (WHERE event_type = 'like') AS likes,
           count(*) FILTER (WHERE event_type = 'share') AS shares,
           count(DISTINCT user_id) AS unique_users,
           count(*) AS event_count,
           sum(duration) AS total_duration
    FROM user_events
    WHERE recommendation_id <> ''
      AND (:platform IS NULL OR platform = :platform)
      AND (:start_date IS NULL OR "timestamp" >= :start_date)
      AND (:end_date IS NULL OR "timestamp" <= :end_date)
    GROUP BY recommendation_id
),
result AS (
    SELECT recommendation_id,
           impressions,
           clicks,
           likes,
           shares,
           unique_users,
           CASE WHEN impressions = 0 THEN 0
                ELSE round(100 * CAST(clicks AS DOUBLE) / impressions, 2) END AS ctr,
           CASE WHEN impressions = 0 THEN 0
                ELSE round(100 * CAST(clicks + likes + shares AS DOUBLE) / impressions, 2) END AS engagement_rate,
           CASE WHEN event_count = 0 THEN 0
                ELSE round(CAST(total_duration AS DOUBLE) / event_count, 2) END AS avg_duration
    FROM grouped
)
SELECT *
FROM result
ORDER BY clicks DESC, recommendation_id, impressions, likes, shares, unique_users, ctr,
         engagement_rate, avg_duration
LIMIT COALESCE(:limit, 50)
