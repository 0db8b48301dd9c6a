-- PostgreSQL 15: the stored view of the data sources, materialized once after the load from the
-- raw tables the benchmark fills (raw_events, raw_customers, raw_user_segments; seq = the order in
-- which rows were sent). Same tables and columns as the DuckDB views of duckdb/data_sources.sql,
-- built as tables with the indexes the pipes need. Pipe files read only what is created here.
-- Every statement can be re-run.
--
-- Text columns are declared COLLATE "C": strings compare and sort in byte (code point) order,
-- as in DuckDB, whatever the database's default collation.

DROP TABLE IF EXISTS user_events, customers, segment_memberships, segment_members, segment_names;

-- round2(x): DuckDB's round(x, 2) on a DOUBLE, i.e. std::round(x * 100) / 100 in double
-- arithmetic (half away from zero). PostgreSQL's round(double precision) rounds half to even, and
-- a cast of a double to numeric keeps only 15 significant digits (1234.4999999999998 becomes
-- 1234.5), so the rounding is done on the double itself: y - trunc(y) is exact.
CREATE OR REPLACE FUNCTION round2(x double precision) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (trunc(x * 100)
        + CASE WHEN abs(x * 100 - trunc(x * 100)) >= 0.5 THEN sign(x * 100) ELSE 0 END) / 100;

-- user_events: one row per (user_id, event_id), the first one sent wins. session_key is the
-- event's session_id, or for an event without one a derived id: over all of the user's stored
-- events without a session_id, ordered by (timestamp, event_id), a gap of more than 1,800,000 ms
-- from the previous one starts a new session, named user_id || '#' || epoch seconds of its first
-- event (e.g. 'u1#1714557600').
CREATE TABLE user_events (
    event_id          text COLLATE "C",
    user_id           text COLLATE "C",
    session_id        text COLLATE "C",
    event_type        text COLLATE "C",
    "timestamp"       timestamp(3),
    page              text COLLATE "C",
    referrer          text COLLATE "C",
    os                text COLLATE "C",
    browser           text COLLATE "C",
    platform          text COLLATE "C",
    country           text COLLATE "C",
    region            text COLLATE "C",
    city              text COLLATE "C",
    device            text COLLATE "C",
    duration          double precision,
    content_id        text COLLATE "C",
    recommendation_id text COLLATE "C",
    event_value       double precision,
    product_id        text COLLATE "C",
    category          text COLLATE "C",
    properties        text COLLATE "C",
    session_key       text COLLATE "C"
);

INSERT INTO user_events
WITH first_sent AS (
    SELECT DISTINCT ON (user_id, event_id) *
    FROM raw_events
    ORDER BY user_id, event_id, seq
),
sessionless AS (
    SELECT
        user_id,
        event_id,
        "timestamp",
        CASE
            WHEN lag("timestamp") OVER by_time IS NULL THEN 1
            WHEN (extract(epoch FROM "timestamp") - extract(epoch FROM lag("timestamp") OVER by_time)) * 1000
                 > 1800000 THEN 1
            ELSE 0
        END AS starts_session
    FROM first_sent
    WHERE session_id = ''
    WINDOW by_time AS (PARTITION BY user_id ORDER BY "timestamp", event_id COLLATE "C")
),
numbered AS (
    SELECT
        user_id,
        event_id,
        "timestamp",
        sum(starts_session) OVER (
            PARTITION BY user_id ORDER BY "timestamp", event_id COLLATE "C"
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
        ) AS session_number
    FROM sessionless
),
derived AS (
    SELECT
        user_id,
        event_id,
        user_id || '#' || floor(
            extract(epoch FROM min("timestamp") OVER (PARTITION BY user_id, session_number))
        )::bigint::text AS derived_session_id
    FROM numbered
)
SELECT
    e.event_id, e.user_id, e.session_id, e.event_type, e."timestamp", e.page, e.referrer,
    e.os, e.browser, e.platform, e.country, e.region, e.city, e.device, e.duration,
    e.content_id, e.recommendation_id, e.event_value, e.product_id, e.category, e.properties,
    CASE WHEN e.session_id = '' THEN d.derived_session_id ELSE e.session_id END AS session_key
FROM first_sent e
LEFT JOIN derived d ON d.user_id = e.user_id AND d.event_id = e.event_id
ORDER BY e.user_id COLLATE "C", e."timestamp";

-- customers: the latest version per customer_id (latest timestamp; equal timestamps: the row
-- sent later).
CREATE TABLE customers (
    customer_id    text COLLATE "C",
    name           text COLLATE "C",
    email          text COLLATE "C",
    age            integer,
    gender         text COLLATE "C",
    location       text COLLATE "C",
    signup_date    timestamp(3),
    lifetime_value double precision,
    "timestamp"    timestamp(3)
);

INSERT INTO customers
SELECT DISTINCT ON (customer_id)
       customer_id, name, email, age, gender, location, signup_date, lifetime_value, "timestamp"
FROM raw_customers
ORDER BY customer_id, "timestamp" DESC NULLS LAST, seq DESC;

-- segment_memberships: the winning row per (user_id, segment_id) (latest updated_at; equal
-- updated_at: the row sent later), with its active flag.
CREATE TABLE segment_memberships (
    user_id      text COLLATE "C",
    segment_id   text COLLATE "C",
    segment_name text COLLATE "C",
    created_at   timestamp(3),
    updated_at   timestamp(3),
    active       integer
);

INSERT INTO segment_memberships
SELECT DISTINCT ON (user_id, segment_id)
       user_id, segment_id, segment_name, created_at, updated_at, active
FROM raw_user_segments
ORDER BY user_id, segment_id, updated_at DESC NULLS LAST, seq DESC;

-- segment_members: the members of each segment (winning row has active = 1).
CREATE TABLE segment_members (
    segment_id text COLLATE "C",
    user_id    text COLLATE "C"
);

INSERT INTO segment_members
SELECT segment_id, user_id
FROM segment_memberships
WHERE active = 1;

-- segment_names: the name on the segment's latest row (of all rows sent); among rows with the
-- same updated_at, the greatest name (byte order).
CREATE TABLE segment_names (
    segment_id   text COLLATE "C",
    segment_name text COLLATE "C"
);

INSERT INTO segment_names
SELECT DISTINCT ON (segment_id)
       segment_id, segment_name
FROM raw_user_segments
ORDER BY segment_id, updated_at DESC NULLS LAST, segment_name COLLATE "C" DESC NULLS LAST;

-- Indexes for the pipes' filters: per user and time (timelines, sessions, funnel steps), time
-- windows, event types in a window, the content and recommendation pipes (only events that
-- have an id), segment membership and customer lookups.
CREATE INDEX user_events_user_time ON user_events (user_id, "timestamp");
CREATE INDEX user_events_time ON user_events ("timestamp");
CREATE INDEX user_events_type_time ON user_events (event_type, "timestamp");
CREATE INDEX user_events_content ON user_events (content_id) WHERE content_id <> '';
CREATE INDEX user_events_recommendation ON user_events (recommendation_id) WHERE recommendation_id <> '';
CREATE INDEX segment_members_segment_user ON segment_members (segment_id, user_id);
CREATE INDEX segment_names_segment ON segment_names (segment_id);
CREATE INDEX customers_customer ON customers (customer_id);

ANALYZE user_events, customers, segment_memberships, segment_members, segment_names;
