-- user_recommendations (PostgreSQL 15; port of duckdb/user_recommendations.sql): per
-- (user_id, recommendation_id) over events with a recommendation_id, filtered by user_id,
-- recommendation_id and the window: impressions (views), clicks, likes, shares, click-through
-- rate (percent of impressions) and last interaction; most recent first, limited (default 50).
-- round2 (data_sources.sql) is DuckDB's round(x, 2).
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
      AND (CAST(:user_id AS text) IS NULL OR user_id = CAST(:user_id AS text))
      AND (CAST(:recommendation_id AS text) IS NULL OR recommendation_id = CAST(:recommendation_id AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
    GROUP BY user_id, recommendation_id
)
SELECT user_id,
       recommendation_id,
       impressions,
       clicks,
       likes,
       shares,
       CASE WHEN impressions = 0 THEN 0
            ELSE round2(100 * CAST(clicks AS double precision) / impressions) END AS ctr,
       last_interaction
FROM grouped
ORDER BY last_interaction DESC NULLS LAST, user_id, recommendation_id, impressions, clicks, likes,
         shares, ctr
LIMIT COALESCE(CAST(:limit AS bigint), 50)
