-- Categories form a tree; each row carries its materialized path (ltree of the ids' hex from the root),
-- so "a category and all its descendants" is one index range (path <@ ancestor) at any depth, and a move
-- rewrites the paths of one subtree.
CREATE EXTENSION IF NOT EXISTS ltree;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE IF NOT EXISTS categories (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id  uuid        NULL REFERENCES categories (id),
    path       ltree       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS categories_path ON categories USING gist (path);
CREATE INDEX IF NOT EXISTS categories_parent ON categories (parent_id);

-- Customers: the storefronts products are pushed to (seed 004's OPS storefronts).
CREATE TABLE IF NOT EXISTS customers (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- What a customer selected for its storefront; 'pushed' flips to 'stale' in the transaction of any
-- content change of the product.
CREATE TABLE IF NOT EXISTS customer_selections (
    customer_id uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id  uuid        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    status      text        NOT NULL DEFAULT 'selected' CHECK (status IN ('selected', 'pushed', 'stale')),
    selected_at timestamptz NOT NULL DEFAULT now(),
    pushed_at   timestamptz NULL,
    stale_at    timestamptz NULL,
    PRIMARY KEY (customer_id, product_id)
);

CREATE INDEX IF NOT EXISTS customer_selections_product ON customer_selections (product_id) WHERE status = 'pushed';

-- One row per product pushed to a customer (seed 004's ProductPushLog); the list's customer_id filter reads it.
CREATE TABLE IF NOT EXISTS product_push_log (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id     uuid        NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    product_id      uuid        NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    product_version integer     NOT NULL,
    pushed_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS product_push_log_customer ON product_push_log (customer_id, product_id);

ALTER TABLE products DROP CONSTRAINT IF EXISTS products_category;
ALTER TABLE products ADD CONSTRAINT products_category FOREIGN KEY (category_id) REFERENCES categories (id);
