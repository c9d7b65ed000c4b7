-- Feed imports (seed 003): one row per import, its body stored in parts before anything is answered about it, and
-- the custom attribute names of each catalog. The queue of a catalog is its WAITING and IN_PROGRESS rows in seq
-- order; one ImportQueueGrain per catalog runs them one at a time.

CREATE SEQUENCE IF NOT EXISTS feed_import_seq;

CREATE TABLE IF NOT EXISTS feed_imports (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    catalog          text        NOT NULL,
    type             text        NOT NULL CHECK (type IN ('full', 'partial', 'attributes')),
    name             text        NULL,
    force            boolean     NOT NULL DEFAULT false,
    validation_only  boolean     NOT NULL DEFAULT false,
    api_key_id       uuid        NULL,
    format           text        NOT NULL CHECK (format IN ('json', 'ndjson')),
    gzip             boolean     NOT NULL,
    -- RECEIVING: the body is being stored (shown as WAITING; no seq yet). Queue order is seq, taken at storage.
    status           text        NOT NULL CHECK (status IN ('RECEIVING', 'WAITING', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'ABORTED')),
    seq              bigint      NULL UNIQUE,
    code             text        NULL,
    reason           text        NOT NULL DEFAULT '',
    errors           jsonb       NULL,
    summary          jsonb       NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    body_bytes       bigint      NOT NULL DEFAULT 0,
    received_at      timestamptz NOT NULL,
    started_at       timestamptz NULL,
    finished_at      timestamptz NULL,
    expires_at       timestamptz NULL
);

CREATE INDEX IF NOT EXISTS feed_imports_queue ON feed_imports (catalog, seq) WHERE status IN ('WAITING', 'IN_PROGRESS');
CREATE INDEX IF NOT EXISTS feed_imports_history ON feed_imports (catalog, id DESC);
CREATE INDEX IF NOT EXISTS feed_imports_expires_at ON feed_imports (expires_at);

-- The body as sent (gzip stays gzip), in parts of up to 1 MiB: stored and read back without holding it whole.
-- Deleted when the import succeeds or is aborted; a failed import keeps it for GET /api/v1/imports/{id}/feed.
CREATE TABLE IF NOT EXISTS feed_import_parts (
    import_id bigint  NOT NULL REFERENCES feed_imports (id) ON DELETE CASCADE,
    part      integer NOT NULL,
    data      bytea   NOT NULL,
    PRIMARY KEY (import_id, part)
);

-- Advanced custom attributes: product and variant metafields 'custom_attributes.{id}' hold the values; the name of
-- each id is the catalog's, set by the latest import that named it (seed 003: the latest relation overrides).
CREATE TABLE IF NOT EXISTS catalog_attributes (
    catalog      text        NOT NULL,
    attribute_id text        NOT NULL,
    name         text        NOT NULL,
    import_id    bigint      NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (catalog, attribute_id)
);
