-- The event log: every log stream (one per shard, one per quarantine) in one table. A shard's
-- records are read back in sequence order on activation, so the primary key is the only index.
CREATE TABLE ua_log (
    stream     text        NOT NULL,
    seq        bigint      NOT NULL,
    record     bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (stream, seq)
);
-- Records are already a compact binary batch format: compressing them again costs CPU on the
-- write path for little gain.
ALTER TABLE ua_log ALTER COLUMN record SET STORAGE EXTERNAL;

-- The deployment's layout: the number of shards users are partitioned into, fixed at first start.
CREATE TABLE ua_layout (
    id     int PRIMARY KEY CHECK (id = 1),
    shards int NOT NULL
);
