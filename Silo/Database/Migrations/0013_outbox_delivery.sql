-- Delivery of outbox events downstream (issue 10). Each event belongs to at most one target, derived from the
-- event itself so every writer routes the same way without naming it:
--   callback:{api key id}  job completion callbacks (callback_key set)
--   customer:{uuid}        pushes to a customer's storefront (product.pushed, source_ref = customer id)
--   store:{store_number}   every change of a store catalog's products
-- Supplier catalogs have no target: their events are the catalog's change log, delivered to storefronts by pushes.
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS callback_key uuid NULL;
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS callback_url text NULL;
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS target text GENERATED ALWAYS AS (
    CASE
        WHEN callback_key IS NOT NULL THEN 'callback:' || callback_key::text
        WHEN event_type = 'product.pushed' THEN 'customer:' || source_ref
        WHEN starts_with(catalog, 'store:') THEN catalog
    END) STORED;

-- A failed attempt waits until next_attempt_at (exponential back-off with jitter); a claimed event is 'processing'
-- until lease_until, after which any dispatcher activation may claim it again (its silo died mid-delivery).
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS next_attempt_at timestamptz NULL;
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS lease_until timestamptz NULL;
ALTER TABLE outbox_events ADD COLUMN IF NOT EXISTS delivered_as uuid NULL;
CREATE INDEX IF NOT EXISTS outbox_events_target_open ON outbox_events (target, seq)
    WHERE status IN ('pending', 'processing') AND target IS NOT NULL;
CREATE INDEX IF NOT EXISTS outbox_events_target_failed ON outbox_events (target, seq) WHERE status = 'failed';

-- Wake the dispatchers of the targets a statement wrote events for. NOTIFY is sent when the transaction commits
-- (never for a rolled-back one), and repeated payloads of one transaction are folded into one.
CREATE OR REPLACE FUNCTION outbox_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_events', t.target) FROM (SELECT DISTINCT target FROM new_events WHERE target IS NOT NULL) t;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER outbox_events_notify AFTER INSERT ON outbox_events
    REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION outbox_events_notify();

-- How a store or customer target receives its events. secret: the Shopify access token or the webhook signing
-- secret, encrypted with the hub's Data Protection key ring (never returned). location_ids: hub location name →
-- Shopify location id. A 410 from a webhook disables the target (disabled_at, disabled_reason) until it is set again.
CREATE TABLE IF NOT EXISTS delivery_targets (
    id              text        PRIMARY KEY CHECK (id ~ '^(store|customer):.+'),
    kind            text        NOT NULL CHECK (kind IN ('shopify', 'webhook')),
    url             text        NULL,
    shop_domain     text        NULL,
    api_version     text        NULL,
    secret          text        NOT NULL,
    location_ids    jsonb       NOT NULL DEFAULT '{}',
    disabled_at     timestamptz NULL,
    disabled_reason text        NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'webhook' OR url IS NOT NULL),
    CHECK (kind <> 'shopify' OR (shop_domain IS NOT NULL AND api_version IS NOT NULL))
);

-- Shopify's ids for what a store target delivered, so updates never duplicate (seed 002: ShopifyProductID is
-- preserved by product writes, which never name these columns).
ALTER TABLE variants ADD COLUMN IF NOT EXISTS shopify_variant_id bigint NULL;
ALTER TABLE variants ADD COLUMN IF NOT EXISTS shopify_inventory_item_id bigint NULL;

-- A push to a customer with a delivery target is 'pushing' until its event is delivered, then 'pushed'.
-- auto_repush: a change to a pushed product pushes it again instead of leaving it 'stale'.
ALTER TABLE customer_selections DROP CONSTRAINT IF EXISTS customer_selections_status_check;
ALTER TABLE customer_selections ADD CONSTRAINT customer_selections_status_check
    CHECK (status IN ('selected', 'pushing', 'pushed', 'stale'));
ALTER TABLE customers ADD COLUMN IF NOT EXISTS auto_repush boolean NOT NULL DEFAULT false;

-- Job completion callbacks: the URL a job reports to, and an API key's default URL and signing secret
-- (encrypted like the targets' secrets).
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS callback_url text NULL;
ALTER TABLE api_keys ADD COLUMN IF NOT EXISTS callback_secret text NULL;
ALTER TABLE sync_jobs ADD COLUMN IF NOT EXISTS callback_url text NULL;
ALTER TABLE sync_jobs ADD COLUMN IF NOT EXISTS api_key_id uuid NULL;
ALTER TABLE ingest_jobs ADD COLUMN IF NOT EXISTS callback_url text NULL;
ALTER TABLE feed_imports ADD COLUMN IF NOT EXISTS callback_url text NULL;
