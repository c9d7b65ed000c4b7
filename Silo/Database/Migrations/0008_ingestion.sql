-- The push side (seed 002, the Shopify Bridge ingestion API): stores and their locations, ingestion jobs with
-- one result per entry, idempotency keys, per-key limits, and what store catalogs keep beyond a supplier's.

-- Variant fields of store catalogs: tax_code is a column (seed 002 names it); the rest are read whole with
-- the variant (taxable, requires_shipping, inventory_policy, weight, image, price type and history,
-- inventory per location).
ALTER TABLE variants ADD COLUMN IF NOT EXISTS tax_code text NULL;
ALTER TABLE variants ADD COLUMN IF NOT EXISTS data jsonb NOT NULL DEFAULT '{}';

-- Storefront sync fields, owned by the outbox dispatcher. Product writes never name them, so every update
-- preserves them (seed 002: ShopifyProductID, SyncStatus, SyncAttempts preserved during updates).
ALTER TABLE products ADD COLUMN IF NOT EXISTS shopify_product_id bigint NULL;
ALTER TABLE products ADD COLUMN IF NOT EXISTS sync_status text NULL;
ALTER TABLE products ADD COLUMN IF NOT EXISTS sync_attempts integer NOT NULL DEFAULT 0;

-- The admin outbox view of an ingestion job reads its events by source (kind 'ingest', reference = job id).
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX IF NOT EXISTS outbox_events_source ON outbox_events (source_ref, seq) WHERE source_kind = 'ingest';

-- Stores own store catalogs ('store:{store_number}'); entries for unknown or inactive stores and locations
-- fail with resolution errors. Every store gets a location named after its number (the default location).
CREATE TABLE IF NOT EXISTS stores (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_number text        NOT NULL UNIQUE CHECK (store_number ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,49}$'),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS store_locations (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_id   bigint      NOT NULL REFERENCES stores (id),
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT store_locations_store_name UNIQUE (store_id, name)
);

-- One row per accepted batch, written by its IngestJobGrain. checkpoint: entries 1..checkpoint have results
-- (a resumed job continues after it). Counters follow seed 002's JobSummary.
CREATE TABLE IF NOT EXISTS ingest_jobs (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('products', 'pos', 'inventory', 'prices')),
    store_number    text        NULL,
    store_id        bigint      NULL,
    api_key_id      uuid        NULL,
    idempotency_key text        NULL,
    options         jsonb       NOT NULL DEFAULT '{}',
    is_async        boolean     NOT NULL,
    status          text        NOT NULL DEFAULT 'pending'
                                CHECK (status IN ('pending', 'processing', 'completed', 'completed_with_errors', 'failed')),
    total           integer     NOT NULL CHECK (total >= 0),
    checkpoint      integer     NOT NULL DEFAULT 0,
    succeeded       integer     NOT NULL DEFAULT 0,
    created         integer     NOT NULL DEFAULT 0,
    updated         integer     NOT NULL DEFAULT 0,
    unchanged       integer     NOT NULL DEFAULT 0,
    errors          integer     NOT NULL DEFAULT 0,
    error_message   text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz NULL,
    expires_at      timestamptz NOT NULL
);

CREATE INDEX IF NOT EXISTS ingest_jobs_expires_at ON ingest_jobs (expires_at);
CREATE INDEX IF NOT EXISTS ingest_jobs_unfinished ON ingest_jobs (id) WHERE status IN ('pending', 'processing');

-- The request body of an async job, so a job survives a silo crash; deleted when the job ends.
CREATE TABLE IF NOT EXISTS ingest_payloads (
    job_id bigint PRIMARY KEY REFERENCES ingest_jobs (id) ON DELETE CASCADE,
    body   bytea  NOT NULL
);

-- Exactly one result per entry: the key is the entry's position in the request (submission order).
-- data keeps the original entry for errors only (the /errors endpoints return it).
CREATE TABLE IF NOT EXISTS ingest_results (
    id            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    job_id        bigint      NOT NULL REFERENCES ingest_jobs (id) ON DELETE CASCADE,
    row_number    integer     NOT NULL,
    entry_id      text        NULL,
    status        text        NOT NULL CHECK (status IN ('success', 'error', 'skipped')),
    action        text        NULL CHECK (action IN ('created', 'updated', 'unchanged')),
    product_id    bigint      NULL,
    variant_ids   bigint[]    NULL,
    error_type    text        NULL CHECK (error_type IN ('validation', 'conversion', 'database', 'resolution')),
    error_message text        NULL,
    error_field   text        NULL,
    data          jsonb       NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (job_id, row_number)
);

CREATE INDEX IF NOT EXISTS ingest_results_errors ON ingest_results (job_id, row_number) WHERE status = 'error';

-- Which entries of a job a product write applied, written in that write's transaction: an inventory change
-- is not idempotent, so a job resumed after a crash skips the entries a product already took.
CREATE TABLE IF NOT EXISTS ingest_receipts (
    job_id     bigint  NOT NULL,
    row_number integer NOT NULL,
    product_id uuid    NOT NULL,
    PRIMARY KEY (job_id, row_number, product_id)
);

-- Idempotency keys per API key: the request's hash and the job it created. 'accepting' while the first
-- request is still being answered (a duplicate then gets 409), 'accepted' once it has its answer.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    api_key_id   uuid        NOT NULL,
    key          text        NOT NULL,
    request_hash bytea       NOT NULL,
    job_id       bigint      NULL REFERENCES ingest_jobs (id) ON DELETE CASCADE,
    state        text        NOT NULL DEFAULT 'accepting' CHECK (state IN ('accepting', 'accepted')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (api_key_id, key)
);

CREATE INDEX IF NOT EXISTS idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- Per-key limits of the ingestion API; null means the configured default (Hub:Ingest:Limits).
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS requests_per_minute integer NULL CHECK (requests_per_minute > 0);
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS entries_per_minute integer NULL CHECK (entries_per_minute > 0);
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS max_payload_bytes bigint NULL CHECK (max_payload_bytes > 0);
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS max_entries_per_request integer NULL CHECK (max_entries_per_request > 0);
