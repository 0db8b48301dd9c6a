-- customer_segment_lookup: the current profile of customer_id with whole days since signup
-- (relative to reference_date) and its value and loyalty segments. Unknown id: no rows.
WITH customer AS (
    SELECT customer_id,
           name,
           email,
           location,
           lifetime_value,
           CAST(floor((epoch_ms(:reference_date) - epoch_ms(signup_date)) / 86400000) AS BIGINT) AS days_since_signup
    FROM customers
    WHERE customer_id = :customer_id
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
