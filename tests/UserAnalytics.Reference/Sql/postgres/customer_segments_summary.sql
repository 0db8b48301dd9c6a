-- customer_segments_summary (PostgreSQL 15; port of duckdb/customer_segments_summary.sql):
-- current customers filtered by location and an inclusive age range (each bound optional), per
-- value segment: count, average lifetime value, average age; highest average lifetime value
-- first. round2 (data_sources.sql) is DuckDB's round(x, 2).
WITH segmented AS (
    SELECT CASE WHEN lifetime_value >= 1000 THEN 'High Value'
                WHEN lifetime_value >= 100 THEN 'Medium Value'
                ELSE 'Low Value' END AS segment,
           lifetime_value,
           age
    FROM customers
    WHERE (CAST(:location AS text) IS NULL OR location = CAST(:location AS text))
      AND (CAST(:min_age AS integer) IS NULL OR age >= CAST(:min_age AS integer))
      AND (CAST(:max_age AS integer) IS NULL OR age <= CAST(:max_age AS integer))
),
grouped AS (
    SELECT segment,
           count(*) AS customer_count,
           sum(lifetime_value) AS total_lifetime_value,
           sum(age) AS total_age
    FROM segmented
    GROUP BY segment
)
SELECT segment,
       customer_count,
       CASE WHEN customer_count = 0 THEN 0
            ELSE round2(CAST(total_lifetime_value AS double precision) / customer_count) END AS avg_lifetime_value,
       CASE WHEN customer_count = 0 THEN 0
            ELSE round2(CAST(total_age AS double precision) / customer_count) END AS avg_age
FROM grouped
ORDER BY avg_lifetime_value DESC NULLS LAST, segment COLLATE "C", customer_count, avg_age
