-- The pull side (seeds 000 and 001): suppliers, their sync jobs and each job's checkpoint, and the key ring
-- that encrypts supplier credentials.

-- ASP.NET Core Data Protection keys (XML elements), shared by every silo: a credential encrypted on one
-- silo decrypts on all. Written only by the key manager through PostgresXmlRepository.
CREATE TABLE IF NOT EXISTS data_protection_keys (
    friendly_name text        PRIMARY KEY,
    xml           text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per supplier, written only by its SupplierGrain. credentials is a Data Protection payload
-- (never returned, never logged); schedules are ISO 8601 durations. last_*_sync hold the start time of the
-- last successful or partial job of that mode.
CREATE TABLE IF NOT EXISTS suppliers (
    id                      uuid          PRIMARY KEY,
    name                    text          NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    adapter                 text          NULL,
    settings                jsonb         NOT NULL DEFAULT '{}',
    credentials             text          NULL,
    active                  boolean       NOT NULL DEFAULT true,
    hydrate_concurrency     integer       NOT NULL DEFAULT 8 CHECK (hydrate_concurrency BETWEEN 1 AND 64),
    max_requests_per_second numeric(10,3) NULL CHECK (max_requests_per_second > 0),
    delta_schedule          text          NULL,
    full_sellable_schedule  text          NULL,
    last_full_sync          timestamptz   NULL,
    last_delta_sync         timestamptz   NULL,
    created_at              timestamptz   NOT NULL DEFAULT now(),
    updated_at              timestamptz   NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS suppliers_name ON suppliers (lower(name), id);

-- Seed 001's SyncJob, written only by its SyncJobGrain; the API lists and filters it. started_at is set
-- when the job is created (pending jobs sort with the others) and is the time a later delta asks changes
-- since. discovered/cancel_requested and sync_job_refs are the checkpoint a resumed job continues from.
CREATE TABLE IF NOT EXISTS sync_jobs (
    id                        uuid        PRIMARY KEY,
    supplier_id               uuid        NOT NULL REFERENCES suppliers (id),
    supplier_name             text        NOT NULL,
    job_type                  text        NOT NULL,
    status                    text        NOT NULL DEFAULT 'pending'
                                          CHECK (status IN ('pending', 'running', 'success', 'partial_success', 'failed')),
    discovery_mode            text        NOT NULL,
    limit_count               integer     NULL,
    explicit_list             text[]      NULL,
    changed_since             timestamptz NULL,
    total_products            integer     NOT NULL DEFAULT 0,
    success_count             integer     NOT NULL DEFAULT 0,
    failed_count              integer     NOT NULL DEFAULT 0,
    records_processed         integer     NOT NULL DEFAULT 0,
    errors                    jsonb       NOT NULL DEFAULT '[]',
    error_log                 text        NULL,
    discovered                boolean     NOT NULL DEFAULT false,
    cancel_requested          boolean     NOT NULL DEFAULT false,
    running_on                text        NULL,
    hydrate_started_at        timestamptz NULL,
    hydrate_started_processed integer     NOT NULL DEFAULT 0,
    started_at                timestamptz NOT NULL DEFAULT now(),
    completed_at              timestamptz NULL,
    updated_at                timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS sync_jobs_started ON sync_jobs (started_at DESC, id);
CREATE INDEX IF NOT EXISTS sync_jobs_supplier ON sync_jobs (supplier_id, started_at DESC);
CREATE INDEX IF NOT EXISTS sync_jobs_active ON sync_jobs (status) WHERE status IN ('pending', 'running');

-- A job's discovered refs in discovery order, and which are done: a resumed job hydrates exactly the
-- pending ones. Markers and the job's counters are written in one transaction, so they always agree.
CREATE TABLE IF NOT EXISTS sync_job_refs (
    job_id       uuid    NOT NULL REFERENCES sync_jobs (id) ON DELETE CASCADE,
    position     integer NOT NULL,
    supplier_sku text    NOT NULL,
    part_id      text    NULL,
    state        text    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    outcome      text    NULL,
    error_code   text    NULL,
    PRIMARY KEY (job_id, position)
);

CREATE INDEX IF NOT EXISTS sync_job_refs_pending ON sync_job_refs (job_id, position) WHERE state = 'pending';
