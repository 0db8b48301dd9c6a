-- user_content_affinity (PostgreSQL 15; port of duckdb/user_content_affinity.sql): per
-- (user_id, content_id) over events with a content_id, in the window and of user_id when given:
-- views, clicks, likes, shares, total duration, last interaction, and
-- affinity_score = views + 2 clicks + 3 likes + 4 shares + total_duration / 60 (rounded to 2);
-- highest score first, limited (default 50). round2 (data_sources.sql) is DuckDB's round(x, 2).
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
      AND (CAST(:user_id AS text) IS NULL OR user_id = CAST(:user_id AS text))
      AND (CAST(:start_date AS timestamp) IS NULL OR "timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR "timestamp" <= CAST(:end_date AS timestamp))
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
       round2(views + 2 * clicks + 3 * likes + 4 * shares + total_duration / 60) AS affinity_score
FROM grouped
ORDER BY affinity_score DESC NULLS LAST, user_id, content_id, views, clicks, likes, shares,
         total_duration, last_interaction
LIMIT COALESCE(CAST(:limit AS bigint), 50)
