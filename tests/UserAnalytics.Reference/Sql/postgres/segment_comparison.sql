-- segment_comparison (PostgreSQL 15; port of duckdb/segment_comparison.sql): one row per id of
-- segment_ids, in the given order (duplicates kept). member_count counts current members
-- regardless of the window; the other figures come from the members' events in the window.
-- Sessions are (user_id, session_key) pairs; their duration is max - min timestamp of those
-- events. An id with no rows at all gives zeros and ''. round2 (data_sources.sql) is DuckDB's
-- round(x, 2).
WITH ids AS (
    SELECT s.position, s.segment_id
    FROM unnest(CAST(:segment_ids AS text[])) WITH ORDINALITY AS s(segment_id, position)
),
member_counts AS (
    SELECT segment_id, count(*) AS member_count
    FROM segment_members
    WHERE segment_id IN (SELECT segment_id FROM ids)
    GROUP BY segment_id
),
member_events AS (
    SELECT m.segment_id, e.user_id, e.session_key, e.event_type, e."timestamp"
    FROM segment_members m
    JOIN user_events e ON e.user_id = m.user_id
    WHERE m.segment_id IN (SELECT segment_id FROM ids)
      AND (CAST(:start_date AS timestamp) IS NULL OR e."timestamp" >= CAST(:start_date AS timestamp))
      AND (CAST(:end_date AS timestamp) IS NULL OR e."timestamp" <= CAST(:end_date AS timestamp))
),
event_stats AS (
    SELECT segment_id,
           count(DISTINCT user_id) AS active_users,
           count(*) AS total_events,
           count(DISTINCT user_id) FILTER (WHERE event_type = 'purchase') AS purchasers
    FROM member_events
    GROUP BY segment_id
),
sessions AS (
    SELECT segment_id, user_id, session_key,
           CAST((extract(epoch FROM max("timestamp")) - extract(epoch FROM min("timestamp"))) * 1000
                AS bigint) AS duration_ms
    FROM member_events
    GROUP BY segment_id, user_id, session_key
),
session_stats AS (
    SELECT segment_id, count(*) AS sessions, sum(duration_ms) AS total_duration_ms
    FROM sessions
    GROUP BY segment_id
),
combined AS (
    SELECT ids.position,
           ids.segment_id,
           COALESCE(n.segment_name, '') AS segment_name,
           COALESCE(mc.member_count, 0) AS member_count,
           COALESCE(es.active_users, 0) AS active_users,
           COALESCE(es.total_events, 0) AS total_events,
           COALESCE(es.purchasers, 0) AS purchasers,
           COALESCE(ss.sessions, 0) AS sessions,
           COALESCE(ss.total_duration_ms, 0) AS total_duration_ms
    FROM ids
    LEFT JOIN segment_names n ON n.segment_id = ids.segment_id
    LEFT JOIN member_counts mc ON mc.segment_id = ids.segment_id
    LEFT JOIN event_stats es ON es.segment_id = ids.segment_id
    LEFT JOIN session_stats ss ON ss.segment_id = ids.segment_id
)
SELECT segment_id,
       segment_name,
       member_count,
       active_users,
       total_events,
       CASE WHEN active_users = 0 THEN 0
            ELSE round2(CAST(total_events AS double precision) / active_users) END AS events_per_user,
       sessions,
       CASE WHEN sessions = 0 THEN 0
            ELSE round2(CAST(total_duration_ms AS double precision) / sessions / 1000) END AS avg_session_duration,
       purchasers,
       CASE WHEN active_users = 0 THEN 0
            ELSE round2(100 * CAST(purchasers AS double precision) / active_users) END AS conversion_rate
FROM combined
ORDER BY position
