-- The stored view of the data sources, built from the raw tables the harness fills
-- (raw_events, raw_customers, raw_user_segments; seq = the order in which rows were sent).
-- Pipe files read only the views defined here. Every statement can be re-run.

-- user_events: one row per (user_id, event_id), the first one sent wins. session_key is the
-- event's session_id, or for an event without one a derived id: over all of the user's stored
-- events without a session_id, ordered by (timestamp, event_id), a gap of more than 1,800,000 ms
-- from the previous one starts a new session, named user_id || '#' || epoch seconds of its first
-- event (e.g. 'u1#1714557600').
CREATE OR REPLACE VIEW user_events AS
WITH first_sent AS (
    SELECT *
    FROM raw_events
    QUALIFY row_number() OVER (PARTITION BY user_id, event_id ORDER BY seq) = 1
),
sessionless AS (
    SELECT
        user_id,
        event_id,
        "timestamp",
        CASE
            WHEN lag("timestamp") OVER by_time IS NULL THEN 1
            WHEN epoch_ms("timestamp") - epoch_ms(lag("timestamp") OVER by_time) > 1800000 THEN 1
            ELSE 0
        END AS starts_session
    FROM first_sent
    WHERE session_id = ''
    WINDOW by_time AS (PARTITION BY user_id ORDER BY "timestamp", event_id)
),
numbered AS (
    SELECT
        user_id,
        event_id,
        "timestamp",
        sum(starts_session) OVER (
            PARTITION BY user_id ORDER BY "timestamp", event_id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS session_number
    FROM sessionless
),
derived AS (
    SELECT
        user_id,
        event_id,
        user_id || '#' || CAST(CAST(floor(
            epoch_ms(min("timestamp") OVER (PARTITION BY user_id, session_number)) / 1000
        ) AS BIGINT) AS VARCHAR) AS derived_session_id
    FROM numbered
)
SELECT
    e.event_id, e.user_id, e.session_id, e.event_type, e."timestamp", e.page, e.referrer,
    e.os, e.browser, e.platform, e.country, e.region, e.city, e.device, e.duration,
    e.content_id, e.recommendation_id, e.event_value, e.product_id, e.category, e.properties,
    CASE WHEN e.session_id = '' THEN d.derived_session_id ELSE e.session_id END AS session_key
FROM first_sent e
LEFT JOIN derived d ON d.user_id = e.user_id AND d.event_id = e.event_id;

-- customers: the latest version per customer_id (latest timestamp; equal timestamps: the row
-- sent later).
CREATE OR REPLACE VIEW customers AS
SELECT customer_id, name, email, age, gender, location, signup_date, lifetime_value, "timestamp"
FROM raw_customers
QUALIFY row_number() OVER (
    PARTITION BY customer_id ORDER BY "timestamp" DESC NULLS LAST, seq DESC
) = 1;

-- segment_memberships: the winning row per (user_id, segment_id) (latest updated_at; equal
-- updated_at: the row sent later), with its active flag.
CREATE OR REPLACE VIEW segment_memberships AS
SELECT user_id, segment_id, segment_name, created_at, updated_at, active
FROM raw_user_segments
QUALIFY row_number() OVER (
    PARTITION BY user_id, segment_id ORDER BY updated_at DESC NULLS LAST, seq DESC
) = 1;

-- segment_members: the members of each segment (winning row has active = 1).
CREATE OR REPLACE VIEW segment_members AS
SELECT segment_id, user_id
FROM segment_memberships
WHERE active = 1;

-- segment_names: the name on the segment's latest row (of all rows sent); among rows with the
-- same updated_at, the greatest name.
CREATE OR REPLACE VIEW segment_names AS
SELECT segment_id, segment_name
FROM raw_user_segments
QUALIFY row_number() OVER (
    PARTITION BY segment_id ORDER BY updated_at DESC NULLS LAST, segment_name DESC
) = 1;
