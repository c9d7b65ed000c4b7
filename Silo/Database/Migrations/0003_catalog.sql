-- The canonical catalog: products and their variants, written only through the catalog store (one
-- statement per product, group-committed), and the outbox every change leaves in the same transaction.
-- Nested parts that are only ever read whole with their product (images, options, type details, print
-- sizes, a variant's tier prices) are jsonb; everything a list filters, sorts or pages on is a column.

CREATE TABLE IF NOT EXISTS products (
    id                 uuid          PRIMARY KEY,              -- name-based (v5) from catalog + key: stable
    number             bigint        GENERATED ALWAYS AS IDENTITY UNIQUE, -- seed 002's integer product_id
    catalog            text          NOT NULL,                 -- 'supplier:{uuid}' or 'store:{store_number}'
    key                text          NOT NULL,                 -- supplier SKU or handle
    supplier_id        uuid          NULL,
    store_number       text          NULL,
    supplier_sku       text          NULL,
    product_name       text          NOT NULL,
    brand              text          NULL,
    category           text          NULL,
    category_id        uuid          NULL,
    description        text          NULL,
    product_type       text          NOT NULL CHECK (product_type IN ('apparel', 'print')),
    image_url          text          NULL,
    ops_product_id     text          NULL,
    external_catalogue text          NULL,
    handle             text          NULL,
    tags               text[]        NOT NULL DEFAULT '{}',
    metafields         jsonb         NOT NULL DEFAULT '{}',
    details            jsonb         NOT NULL DEFAULT '{}',    -- images, options, apparel/print details, sizes
    -- List aggregates, maintained at write time from the variants (never computed per query).
    variant_count      integer       NOT NULL DEFAULT 0,
    price_min          numeric(18,4) NULL,
    price_max          numeric(18,4) NULL,
    total_inventory    bigint        NOT NULL DEFAULT 0,
    last_synced        timestamptz   NULL,
    archived_at        timestamptz   NULL,
    discontinued_at    timestamptz   NULL,
    version            integer       NOT NULL CHECK (version > 0),
    content_hash       bytea         NOT NULL,
    created_at         timestamptz   NOT NULL DEFAULT now(),
    updated_at         timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT products_catalog_key UNIQUE (catalog, key)
);

CREATE TABLE IF NOT EXISTS variants (
    id               uuid          PRIMARY KEY,                -- name-based (v5) from product id + sku
    number           bigint        GENERATED ALWAYS AS IDENTITY UNIQUE, -- seed 002's integer variant id
    product_id       uuid          NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    catalog          text          NOT NULL,
    sku              text          NOT NULL,
    position         integer       NOT NULL,
    color            text          NULL,
    size             text          NULL,
    option1_name     text          NULL,
    option1_value    text          NULL,
    option2_name     text          NULL,
    option2_value    text          NULL,
    option3_name     text          NULL,
    option3_value    text          NULL,
    base_price       numeric(18,4) NULL,
    compare_at_price numeric(18,4) NULL,
    cost             numeric(18,4) NULL,
    barcode          text          NULL,
    inventory        bigint        NOT NULL DEFAULT 0,
    incoming         bigint        NOT NULL DEFAULT 0,
    warehouse        text          NULL,
    metafields       jsonb         NOT NULL DEFAULT '{}',
    prices           jsonb         NOT NULL DEFAULT '[]',
    CONSTRAINT variants_product_sku UNIQUE (product_id, sku)
);

-- The SKU index: (catalog, sku) resolves to variants; SKUs are unique per product, not per catalog.
CREATE INDEX IF NOT EXISTS variants_catalog_sku ON variants (catalog, sku);

-- The outbox: one event per product change, in the transaction of the change. The payload names the
-- product and its version; the dispatcher reads the product's latest state when it delivers, so several
-- pending events of one product coalesce into one delivery. The id is stable (product id + version).
CREATE TABLE IF NOT EXISTS outbox_events (
    id                uuid        PRIMARY KEY,
    seq               bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    catalog           text        NOT NULL,
    aggregate_type    text        NOT NULL,
    aggregate_id      uuid        NOT NULL,
    aggregate_version integer     NOT NULL,
    event_type        text        NOT NULL,
    source_kind       text        NOT NULL,
    source_ref        text        NULL,
    payload           jsonb       NOT NULL,
    status            text        NOT NULL DEFAULT 'pending'
                                  CHECK (status IN ('pending', 'processing', 'processed', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0,
    max_attempts      integer     NOT NULL DEFAULT 3,
    error_message     text        NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    processed_at      timestamptz NULL
);

CREATE INDEX IF NOT EXISTS outbox_events_open ON outbox_events (catalog, seq) WHERE status IN ('pending', 'processing');
CREATE INDEX IF NOT EXISTS outbox_events_aggregate ON outbox_events (aggregate_id, aggregate_version);
