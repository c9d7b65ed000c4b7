-- API keys: the secret is shown once at creation and only its SHA-256 is kept. Keys are 32 random bytes,
-- so a fast hash is enough (nothing to brute-force); the prefix lets people tell keys apart.
CREATE TABLE IF NOT EXISTS api_keys (
    id            uuid        PRIMARY KEY,
    name          text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    prefix        text        NOT NULL,
    key_hash      bytea       NOT NULL UNIQUE,
    scopes        text[]      NOT NULL CHECK (scopes <@ ARRAY['admin', 'ingest', 'read']::text[] AND cardinality(scopes) > 0),
    store_numbers text[]      NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_used_at  timestamptz NULL,
    revoked_at    timestamptz NULL
);

CREATE INDEX IF NOT EXISTS api_keys_created_at ON api_keys (created_at DESC);
