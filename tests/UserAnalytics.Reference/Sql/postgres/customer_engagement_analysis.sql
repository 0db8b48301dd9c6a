-- customer_engagement_analysis (PostgreSQL 15; port of duckdb/customer_engagement_analysis.sql):
-- every customer (only customer_id when given) with its events (user_id = customer_id) of
-- event_type in the window, joined LEFT so customers without events stay: event count, total and
-- average event_value (0 without events), last activity (NULL without events). Highest total
-- value first, limited (default 100). round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH joined AS (
    SELECT c.customer_id,
           c.name,
           CASE WHEN c.lifetime_value >= 1000 THEN 'High Value'
                WHEN c.lifetime_value >= 100 THEN 'Medium Value'
                ELSE 'Low Value' END AS value_segment,
           e.user_id AS event_user_id,
           e.event_value,
           e."timestamp"
    FROM customers c
    LEFT JOIN user_events e
           ON e.user_id = c.customer_id
          AND (CAST(:event_type AS text) IS NULL OR e.event_type = CAST(:event_type AS text))
          AND (CAST(:start_date AS timestamp) IS NULL OR e."timestamp" >= CAST(:start_date AS timestamp))
          AND (CAST(:end_date AS timestamp) IS NULL OR e."timestamp" <= CAST(:end_date AS timestamp))
    WHERE (CAST(:customer_id AS text) IS NULL OR c.customer_id = CAST(:customer_id AS text))
),
grouped AS (
    SELECT customer_id,
           name,
           value_segment,
           count(event_user_id) AS event_count,
           COALESCE(sum(event_value), 0) AS total_value,
           max("timestamp") AS last_activity
    FROM joined
    GROUP BY customer_id, name, value_segment
)
SELECT customer_id,
       name,
       value_segment,
       event_count,
       total_value,
       CASE WHEN event_count = 0 THEN 0
            ELSE round2(CAST(total_value AS double precision) / event_count) END AS avg_value,
       last_activity
FROM grouped
ORDER BY total_value DESC NULLS LAST, customer_id, name, value_segment COLLATE "C", event_count,
         avg_value, last_activity NULLS LAST
LIMIT COALESCE(CAST(:limit AS bigint), 100)
