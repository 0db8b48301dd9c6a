-- customer_segment_lookup (PostgreSQL 15; port of duckdb/customer_segment_lookup.sql): the
-- current profile of customer_id with whole days since signup (relative to reference_date) and
-- its value and loyalty segments. Unknown id: no rows.
WITH customer AS (
    SELECT customer_id,
           name,
           email,
           location,
           lifetime_value,
           CAST(floor(
               CAST((extract(epoch FROM CAST(:reference_date AS timestamp)) - extract(epoch FROM signup_date)) * 1000
                    AS double precision) / 86400000
           ) AS bigint) AS days_since_signup
    FROM customers
    WHERE customer_id = CAST(:customer_id AS text)
)
SELECT customer_id,
       name,
       email,
       location,
       lifetime_value,
       days_since_signup,
       CASE WHEN lifetime_value >= 1000 THEN 'High Value'
            WHEN lifetime_value >= 100 THEN 'Medium Value'
            ELSE 'Low Value' END AS value_segment,
       CASE WHEN days_since_signup > 365 THEN 'Loyal'
            WHEN days_since_signup > 90 THEN 'Regular'
            ELSE 'New' END AS loyalty_segment
FROM customer
ORDER BY customer_id, name, email, location, lifetime_value, days_since_signup
