-- Orleans 10.4.x ADO.NET providers on PostgreSQL (Invariant "Npgsql"):
--   Microsoft.Orleans.Clustering.AdoNet   (membership table + gateway list)
--   Microsoft.Orleans.Reminders.AdoNet    (reminder table)
--   Microsoft.Orleans.Persistence.AdoNet  (grain state)
--
-- The providers know nothing about our tables. At start-up each one runs
--     SELECT QueryKey, QueryText FROM OrleansQuery
-- and afterwards only ever executes the QueryText it found under a fixed QueryKey, binding
-- its own parameters by name (@DeploymentId, @GrainIdHash, ...). So the contract is:
--   * a table that unquoted "OrleansQuery" resolves to (orleansquery, columns querykey/querytext);
--   * one row per QueryKey, spelled exactly as the provider spells it (ordinal, case-sensitive
--     dictionary lookup; note "UpdateIAmAlivetimeKey" with a lower-case t);
--   * each QueryText uses only parameters the provider sends and returns the columns it reads.
-- The result columns are read by name through IDataRecord.GetOrdinal; Npgsql falls back to a
-- case-insensitive match, but every result column below is aliased with the exact spelling the
-- provider asks for anyway.
--
-- Parameter types as Orleans binds them (DbType -> Npgsql -> PostgreSQL):
--   string -> text; addresses and reminder GrainId are AnsiString -> text; int -> integer;
--   long -> bigint; byte[] -> bytea; DateTime is always bound as DbType.DateTime, which Npgsql
--   (6.0+, without the legacy switch) sends as timestamptz and only accepts with Kind=Utc.
--   Orleans passes UTC values (it even re-stamps Unspecified reminder times as UTC), so every
--   time column here is timestamptz; a "timestamp" column would need implicit casts that depend
--   on the session TimeZone.
--
-- Safe to run more than once: IF NOT EXISTS for tables and indexes, CREATE OR REPLACE for
-- functions, and the query rows are upserted. No transaction control here: the migration runner
-- wraps the whole file in one transaction.

------------------------------------------------------------------------------------------------
-- Query catalogue
------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleansquery (
    querykey  varchar(64) PRIMARY KEY,
    querytext text        NOT NULL
);

------------------------------------------------------------------------------------------------
-- Clustering: one version row per cluster (DeploymentId = ClusterOptions.ClusterId) and one row
-- per silo incarnation (address, port, generation). Every membership change bumps the version
-- row; Orleans hands back the version it last read as the etag (@Version) and a write whose etag
-- is stale must change nothing and report false.
------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   text        NOT NULL
                    REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,           -- IP address as text (reader casts to string)
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,           -- Orleans SiloStatus: 3 = Active, 6 = Dead
    proxy_port      integer     NOT NULL DEFAULT 0, -- gateway port, 0 when not a gateway
    suspect_times   text        NULL,               -- "silo,yyyy-MM-dd HH:mm:ss.fff GMT|..." as Orleans formats it
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- InsertMembershipKey: add this silo's row, but only if the cluster version still equals the
-- etag (p_version) and the row is not there yet; on success the version goes up by one.
-- Both happen or neither does. Returns true when the row was inserted.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    -- Lock the version row first: every membership write goes through it, so writers queue here.
    SELECT v.version INTO current_version
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = p_deployment_id
    FOR UPDATE;

    IF current_version IS NULL OR p_version IS NULL OR current_version <> p_version THEN
        RETURN false;
    END IF;

    IF EXISTS (SELECT 1
               FROM orleans_membership AS m
               WHERE m.deployment_id = p_deployment_id
                 AND m.address = p_address
                 AND m.port = p_port
                 AND m.generation = p_generation) THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, coalesce(p_silo_name, ''),
            coalesce(p_host_name, ''), p_status, coalesce(p_proxy_port, 0), p_start_time,
            p_i_am_alive_time);

    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id;

    RETURN true;
END
$fn$;

-- UpdateMembershipKey: change status, suspect list and liveness of an existing silo row, but only
-- if the cluster version still equals the etag (p_version); on success the version goes up by one.
-- Both happen or neither does. Returns true when the row was updated.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT v.version INTO current_version
    FROM orleans_membership_version AS v
    WHERE v.deployment_id = p_deployment_id
    FOR UPDATE;

    IF current_version IS NULL OR p_version IS NULL OR current_version <> p_version THEN
        RETURN false;
    END IF;

    -- The silo row is updated first; if it is gone the version is left alone.
    UPDATE orleans_membership AS m
    SET status          = p_status,
        suspect_times   = p_suspect_times,
        -- heartbeats can arrive out of order; liveness never moves backwards
        i_am_alive_time = greatest(m.i_am_alive_time, p_i_am_alive_time)
    WHERE m.deployment_id = p_deployment_id
      AND m.address = p_address
      AND m.port = p_port
      AND m.generation = p_generation;

    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id;

    RETURN true;
END
$fn$;

------------------------------------------------------------------------------------------------
-- Reminders: one row per (ServiceId, GrainId, ReminderName). GrainId is GrainId.ToString()
-- ("type/key"), grain_hash is GrainId.GetUniformHashCode() cast to a signed int; the reminder
-- service reads ranges of that ring. The version is the reminder's etag.
------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_reminder (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL, -- milliseconds; Orleans sends int or bigint
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS orleans_reminder_ring ON orleans_reminder (service_id, grain_hash);

------------------------------------------------------------------------------------------------
-- Grain state. Orleans identifies a state by
--   ServiceId + GrainTypeString (the storage *state name*, e.g. [PersistentState("probe")],
--   not the grain class) + the grain key split into GrainIdN0/GrainIdN1 (guid or integer keys)
--   and GrainIdExtensionString (key extension, or the whole key of a string-keyed grain),
-- plus two int hashes (GrainIdHash, GrainTypeHash) computed by the provider for indexing.
-- The version column is the etag: NULL etag = "never written", and every write, clear or delete
-- must name the current version or change nothing.
------------------------------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS orleans_grain_state (
    service_id                text        NOT NULL,
    grain_type_string         text        NOT NULL,
    grain_type_hash           integer     NOT NULL,
    grain_id_hash             integer     NOT NULL,
    grain_id_n0               bigint      NOT NULL,
    grain_id_n1               bigint      NOT NULL,
    grain_id_extension_string text        NULL,
    payload_binary            bytea       NULL,     -- NULL after ClearStorageKey
    version                   integer     NOT NULL,
    modified_at               timestamptz NOT NULL DEFAULT now()
);

-- One row per grain state. String keys can be long, so the extension takes part through md5
-- (btree entries are capped at ~2.7 kB); NULL and '' stay distinct. This index is also what
-- makes two concurrent first writes of the same state end in one insert and one conflict.
CREATE UNIQUE INDEX IF NOT EXISTS orleans_grain_state_identity ON orleans_grain_state (
    grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, grain_type_string,
    coalesce(md5(grain_id_extension_string), '')
);

------------------------------------------------------------------------------------------------
-- The queries. Each row: key, then what Orleans sends, then what it reads back.
------------------------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

-- ---------------------------------------------------------------- clustering (required keys) --

-- Params: @DeploymentId. Creates the cluster's version row (version 0) unless it exists.
-- Returns one row, one boolean column: true if this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version)
    VALUES (@DeploymentId, 0)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 AS "Created" FROM created
$q$),

-- Params: @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
-- @ProxyPort, @StartTime, @IAmAliveTime, @Version (the etag = table version last read).
-- Returns one row, one boolean column: true if the silo row was inserted and the version bumped.
('InsertMembershipKey', $q$
SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                 @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$q$),

-- Params: @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes (NULL allowed),
-- @IAmAliveTime, @Version (etag). Returns one row, one boolean column: true on success.
('UpdateMembershipKey', $q$
SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status,
                                 @SuspectTimes, @IAmAliveTime, @Version) AS "Updated"
$q$),

-- Params: @DeploymentId, @Address, @Port, @Generation, @IAmAliveTime. Heartbeat: no version
-- bump, no result read. Liveness never moves backwards.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
$q$),

-- Params: @DeploymentId. Returns the whole table: always the version row (Orleans takes the
-- table version from the first row and fails on an empty result), joined with every silo row;
-- with no silos a single row with NULL silo columns (NULL StartTime = "no entry").
('MembershipReadAllKey', $q$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- Params: @DeploymentId, @Address, @Port, @Generation. Same shape as MembershipReadAllKey,
-- restricted to one silo: exactly one row (version row + that silo, or NULL silo columns).
('MembershipReadRowKey', $q$
SELECT v.version         AS "Version",
       m.address         AS "Address",
       m.port            AS "Port",
       m.generation      AS "Generation",
       m.silo_name       AS "SiloName",
       m.host_name       AS "HostName",
       m.status          AS "Status",
       m.proxy_port      AS "ProxyPort",
       m.suspect_times   AS "SuspectTimes",
       m.start_time      AS "StartTime",
       m.i_am_alive_time AS "IAmAliveTime"
FROM orleans_membership_version AS v
LEFT JOIN orleans_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address
      AND m.port = @Port
      AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

-- Params: @DeploymentId, @Status (always 3 = Active). Used by clients and silos to find
-- gateways. Returns Address, ProxyPort, Generation of active silos that have a gateway port.
('GatewaysQueryKey', $q$
SELECT address    AS "Address",
       proxy_port AS "ProxyPort",
       generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = @Status
  AND proxy_port > 0
$q$),

-- Params: @DeploymentId. Forget the whole cluster: the version row, and its silo rows through
-- ON DELETE CASCADE. No result read.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version
WHERE deployment_id = @DeploymentId
$q$),

-- Params: @DeploymentId, @IAmAliveTime (the cut-off, UTC). Bulk clean-up of Dead (6) silo rows
-- not heard from since the cut-off. Orleans 10.4 only falls back to this key when
-- CleanupDefunctSiloEntryKey is missing, but it refuses to start if this one is missing.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND status = 6
  AND i_am_alive_time < @IAmAliveTime
  AND start_time < @IAmAliveTime
$q$),

-- ---------------------------------------------------------------- clustering (optional key) --

-- Params: @DeploymentId, @Address, @Port, @Generation, @StartTime, @IAmAliveTime, @SuspectTimes.
-- Orleans 10.4 prefers this key: it reads the table, picks Dead rows older than the cut-off in
-- C#, and deletes each one only if it still holds exactly the values it read (so a row that
-- changed in between survives). No result read.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
  AND address = @Address
  AND port = @Port
  AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime
  AND i_am_alive_time = @IAmAliveTime
  AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$q$),

-- ------------------------------------------------------------------------------- reminders --

-- Params: @ServiceId, @GrainId, @ReminderName, @StartTime, @Period (ms, int or bigint),
-- @GrainHash. Insert or overwrite the reminder; every call yields a new version.
-- Returns one row with column "Version" (the new etag).
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminder AS r
       (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 1)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period     = excluded.period,
    grain_hash = excluded.grain_hash,
    version    = r.version + 1
RETURNING r.version AS "Version"
$q$),

-- Params: @ServiceId, @GrainId. All reminders of one grain.
-- Returns GrainId, ReminderName, StartTime, Period, Version per reminder.
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
$q$),

-- Params: @ServiceId, @GrainId, @ReminderName. Zero or one row, same columns.
('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_id = @GrainId
  AND reminder_name = @ReminderName
$q$),

-- Params: @ServiceId, @BeginHash, @EndHash (uint ring positions cast to int). Used when
-- (int)begin < (int)end: the range (begin, end] does not wrap in signed order.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND grain_hash > @BeginHash
  AND grain_hash <= @EndHash
$q$),

-- Params: @ServiceId, @BeginHash, @EndHash. Used otherwise: the range wraps, i.e. it is
-- everything above begin plus everything up to end (begin = end means the whole ring).
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM orleans_reminder
WHERE service_id = @ServiceId
  AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

-- Params: @ServiceId, @GrainId, @ReminderName, @Version (etag). Delete only if the etag is
-- current. Returns one row, one boolean column: true if a row was deleted.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminder
    WHERE service_id = @ServiceId
      AND grain_id = @GrainId
      AND reminder_name = @ReminderName
      AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 AS "Deleted" FROM deleted
$q$),

-- Params: @ServiceId. Drop every reminder of the service (test hook). No result read.
('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminder
WHERE service_id = @ServiceId
$q$),

-- ----------------------------------------------------------------------------- grain state --
-- Every storage query gets @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash,
-- @GrainIdN0, @GrainIdN1, @GrainIdExtensionString (NULL allowed); writes, clears and deletes
-- also get @GrainStateVersion (the etag as int, NULL if the state was never written), writes
-- also get @PayloadBinary. 10.x sends no PayloadJson/PayloadXml: the serializer's output always
-- arrives as bytes.

-- Returns zero or one row: PayloadBinary (NULL after a clear) and Version (the etag).
-- More than one row would be an error in Orleans (SingleOrDefault).
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary",
       version        AS "Version"
FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Etag NULL: insert with version 1 (loses to an existing row). Etag set: replace the payload
-- if the row still has that version, and bump it. Returns exactly one row with
-- "NewGrainStateVersion": the new version, or NULL when nothing was written, which Orleans
-- turns into an InconsistentStateException.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_grain_state (service_id, grain_type_string, grain_type_hash, grain_id_hash,
                                     grain_id_n0, grain_id_n1, grain_id_extension_string,
                                     payload_binary, version, modified_at)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdHash,
           @GrainIdN0, @GrainIdN1, @GrainIdExtensionString,
           @PayloadBinary, 1, now()
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_grain_state
    SET payload_binary = @PayloadBinary,
        version        = version + 1,
        modified_at    = now()
    WHERE grain_id_hash = @GrainIdHash
      AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId
      AND grain_id_n0 = @GrainIdN0
      AND grain_id_n1 = @GrainIdN1
      AND grain_type_string = @GrainTypeString
      AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version
)
SELECT (SELECT version FROM inserted
        UNION ALL
        SELECT version FROM updated) AS "NewGrainStateVersion"
$q$),

-- Used when DeleteStateOnClear = false (the default): keep the row, drop the payload, bump the
-- version (so the grain keeps an etag and a later write is still version-checked).
-- Returns the new version in the first column, or no row on an etag mismatch (-> conflict).
('ClearStorageKey', $q$
UPDATE orleans_grain_state
SET payload_binary = NULL,
    version        = version + 1,
    modified_at    = now()
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$q$),

-- Used when DeleteStateOnClear = true (optional key; without it that setting fails at start-up):
-- delete the row if the etag is current. Orleans needs a non-NULL value that differs from the
-- old etag to call it a success, so this returns version + 1; no row on a mismatch (-> conflict).
-- Afterwards the grain's etag is NULL and its next write is an insert.
('DeleteStorageKey', $q$
DELETE FROM orleans_grain_state
WHERE grain_id_hash = @GrainIdHash
  AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId
  AND grain_id_n0 = @GrainIdN0
  AND grain_id_n1 = @GrainIdN1
  AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
  AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$q$)

ON CONFLICT (querykey) DO UPDATE SET querytext = excluded.querytext;
