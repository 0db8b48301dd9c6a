-- Orleans' ADO.NET providers (clustering, grain state, reminders) on PostgreSQL.
--
-- The providers read their SQL from a table named OrleansQuery (one text per key) and bind
-- parameters by name (@Name); results are read by column name. This file is the project's own
-- implementation of that contract; the tests in tests/UserAnalytics.Cluster.Tests run every key
-- against a real server. All timestamps are timestamptz: the providers pass UTC DateTimes.

CREATE TABLE OrleansQuery (
    QueryKey  varchar(64)   PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

-- Clustering -----------------------------------------------------------------------------------
-- One version row per cluster: every membership change increments it, conditionally on the
-- version the silo last read, which is how concurrent silos agree on one history.
CREATE TABLE ua_orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       int         NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ua_orleans_membership (
    deployment_id  text        NOT NULL REFERENCES ua_orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address        text        NOT NULL,
    port           int         NOT NULL,
    generation     int         NOT NULL,
    silo_name      text        NOT NULL,
    host_name      text        NOT NULL,
    status         int         NOT NULL,
    proxy_port     int         NULL,
    suspect_times  text        NULL,
    start_time     timestamptz NOT NULL,
    i_am_alive     timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state ----------------------------------------------------------------------------------
-- Keyed by the grain's natural identity; the provider's hashes are not needed for lookup here.
CREATE TABLE ua_orleans_grain_state (
    service_id  text        NOT NULL,
    grain_type  text        NOT NULL,
    grain_n0    bigint      NOT NULL,
    grain_n1    bigint      NOT NULL,
    grain_ext   text        NOT NULL,
    payload     bytea       NULL,
    version     int         NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, grain_n0, grain_n1, grain_ext)
);

-- Reminders ------------------------------------------------------------------------------------
CREATE TABLE ua_orleans_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    grain_hash    int         NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    version       int         NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
-- Each silo reads the reminders of its hash range of the ring.
CREATE INDEX ua_orleans_reminders_by_hash ON ua_orleans_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- A row per cluster, created once; true when this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO ua_orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM created)
$q$),

-- Joins the cluster: bumps the version only if it is still the one read, and only if the silo is
-- not there yet, in one statement, so the version and the rows never disagree.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE ua_orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND NOT EXISTS (SELECT 1 FROM ua_orleans_membership
                        WHERE deployment_id = @DeploymentId AND address = @Address
                          AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
inserted AS (
    INSERT INTO ua_orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
      FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM inserted)
$q$),

('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE ua_orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = @DeploymentId AND version = @Version
       AND EXISTS (SELECT 1 FROM ua_orleans_membership
                    WHERE deployment_id = @DeploymentId AND address = @Address
                      AND port = @Port AND generation = @Generation)
    RETURNING deployment_id),
updated AS (
    UPDATE ua_orleans_membership AS m
       SET status = @Status, suspect_times = @SuspectTimes, i_am_alive = @IAmAliveTime
      FROM bumped
     WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address
       AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM updated)
$q$),

-- Heartbeats do not change the table's version: they are not membership changes.
('UpdateIAmAlivetimeKey', $q$
UPDATE ua_orleans_membership
   SET i_am_alive = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Reads return the table version on every row, and one row with empty member columns when there
-- is no matching member: the provider takes the version from the first row.
('MembershipReadAllKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive AS "IAmAliveTime"
  FROM ua_orleans_membership_version AS v
  LEFT JOIN ua_orleans_membership AS m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadRowKey', $q$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive AS "IAmAliveTime"
  FROM ua_orleans_membership_version AS v
  LEFT JOIN ua_orleans_membership AS m
    ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM ua_orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM ua_orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Status 6 is SiloStatus.Dead: only dead silos' rows are ever removed.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM ua_orleans_membership
 WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive < @IAmAliveTime
$q$),

('CleanupDefunctSiloEntryKey', $q$
DELETE FROM ua_orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation AND status = 6
$q$),

-- Grain state: a write, a clear and a read. Writes and clears always answer one row: the new
-- version, or NULL when the caller's version was stale (the provider then raises a conflict).
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
  FROM ua_orleans_grain_state
 WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
   AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(CAST(@GrainIdExtensionString AS text), '')
$q$),

('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE ua_orleans_grain_state
       SET payload = @PayloadBinary, version = version + 1, modified_at = now()
     WHERE CAST(@GrainStateVersion AS int) IS NOT NULL
       AND service_id = @ServiceId AND grain_type = @GrainTypeString
       AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(CAST(@GrainIdExtensionString AS text), '')
       AND version = CAST(@GrainStateVersion AS int)
    RETURNING version),
inserted AS (
    INSERT INTO ua_orleans_grain_state (service_id, grain_type, grain_n0, grain_n1, grain_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(CAST(@GrainIdExtensionString AS text), ''), @PayloadBinary, 1
     WHERE CAST(@GrainStateVersion AS int) IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS "NewGrainStateVersion"
$q$),

-- A cleared grain keeps its row (payload NULL) so its version keeps counting.
('ClearStorageKey', $q$
WITH updated AS (
    UPDATE ua_orleans_grain_state
       SET payload = NULL, version = version + 1, modified_at = now()
     WHERE CAST(@GrainStateVersion AS int) IS NOT NULL
       AND service_id = @ServiceId AND grain_type = @GrainTypeString
       AND grain_n0 = @GrainIdN0 AND grain_n1 = @GrainIdN1 AND grain_ext = coalesce(CAST(@GrainIdExtensionString AS text), '')
       AND version = CAST(@GrainStateVersion AS int)
    RETURNING version)
SELECT (SELECT version FROM updated) AS "NewGrainStateVersion"
$q$),

-- Reminders. GrainHash is the grain's uniform hash as a signed int; ranges wrap around the ring.
('UpsertReminderRowKey', $q$
INSERT INTO ua_orleans_reminders AS r (service_id, grain_id, reminder_name, grain_hash, start_time, period, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @GrainHash, @StartTime, @Period, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET grain_hash = excluded.grain_hash, start_time = excluded.start_time, period = excluded.period, version = r.version + 1
RETURNING version AS "Version"
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
  FROM ua_orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
  FROM ua_orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
  FROM ua_orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime", period AS "Period", version AS "Version"
  FROM ua_orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM ua_orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1)
SELECT EXISTS (SELECT 1 FROM deleted)
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM ua_orleans_reminders WHERE service_id = @ServiceId
$q$);
