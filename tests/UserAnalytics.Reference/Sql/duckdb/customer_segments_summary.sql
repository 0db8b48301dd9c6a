-- customer_segments_summary: current customers filtered by location and an inclusive age range
-- (each bound optional), per value segment: count, average lifetime value, average age;
-- highest average lifetime value first.
WITH segmented AS (
    SELECT CASE WHEN lifetime_value >= 1000 THEN 'High Value'
                WHEN lifetime_value >= 100 THEN 'Medium Value'
                ELSE 'Low Value' END AS segment,
           lifetime_value,
           age
    FROM customers
    WHERE (:location IS NULL OR location = :location)
      AND (:min_age IS NULL OR age >= :min_age)
      AND (:max_age IS NULL OR age <= :max_age)
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
            ELSE round(CAST(total_lifetime_value AS DOUBLE) / customer_count, 2) END AS avg_lifetime_value,
       CASE WHEN customer_count = 0 THEN 0
            ELSE round(CAST(total_age AS DOUBLE) / customer_count, 2) END AS avg_age
FROM grouped
ORDER BY avg_lifetime_value DESC, segment, customer_count, avg_age
