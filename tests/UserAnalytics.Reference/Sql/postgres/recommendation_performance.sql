-- recommendation_performance (PostgreSQL 15; port of duckdb/recommendation_performance.sql): per
-- recommendation_id over events with one, in the window and on platform when given: impressions
-- (views), clicks, likes, shares, distinct users, click-through rate and engagement rate
-- (percent of impressions), average duration; most clicks first, limited (default 50).
-- round2 (data_sources.sql) is DuckDB's round(x, 2).
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
      AND (CAST(:platform AS text) IS NULL OR platform = CAST(:platform AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
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
                ELSE round2(100 * CAST(clicks AS double precision) / impressions) END AS ctr,
           CASE WHEN impressions = 0 THEN 0
                ELSE round2(100 * CAST(clicks + likes + shares AS double precision) / impressions) END AS engagement_rate,
           CASE WHEN event_count = 0 THEN 0
                ELSE round2(CAST(total_duration AS double precision) / event_count) END AS avg_duration
    FROM grouped
)
SELECT recommendation_id, impressions, clicks, likes, shares, unique_users, ctr, engagement_rate,
       avg_duration
FROM result
ORDER BY clicks DESC NULLS LAST, recommendation_id, impressions, likes, shares, unique_users, ctr,
         engagement_rate, avg_duration
LIMIT COALESCE(CAST(:limit AS bigint), 50)
