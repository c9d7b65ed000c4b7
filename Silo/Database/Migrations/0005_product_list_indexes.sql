-- What GET /api/products needs to stay fast at 100,000 products / 1,000,000 variants (plans and timings in
-- docs/performance.md). The list is ordered by products.number and filters active products
-- (archived_at IS NULL) unless asked for archived ones, so each filter gets a partial index on
-- (filter, number) over active products: a page is an ordered index range, and the total count an
-- index-only scan. Archived products are few; one index serves every archived query.

CREATE INDEX IF NOT EXISTS products_active_number ON products (number) WHERE archived_at IS NULL;
CREATE INDEX IF NOT EXISTS products_archived_number ON products (number) WHERE archived_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS products_active_supplier ON products (supplier_id, number) WHERE archived_at IS NULL;
CREATE INDEX IF NOT EXISTS products_active_category ON products (category_id, number) WHERE archived_at IS NULL;
CREATE INDEX IF NOT EXISTS products_active_brand ON products (brand, number) WHERE archived_at IS NULL;
CREATE INDEX IF NOT EXISTS products_active_store ON products (store_number, number) WHERE archived_at IS NULL;
CREATE INDEX IF NOT EXISTS products_active_discontinued ON products (number)
    WHERE archived_at IS NULL AND discontinued_at IS NOT NULL;
-- discontinued=false keeps most products: its count is an index-only scan here instead of a table scan.
CREATE INDEX IF NOT EXISTS products_active_current ON products (number)
    WHERE archived_at IS NULL AND discontinued_at IS NULL;

-- q: case-insensitive substring over product_name, supplier_sku and brand. The trigram index is on the three
-- fields joined by a unit separator (U+001F), the exact expression the API searches (ProductListSql.SearchText);
-- q may not contain control characters, so a match never spans two fields.
CREATE INDEX IF NOT EXISTS products_search ON products
    USING gin ((product_name || E'\x1f' || coalesce(supplier_sku, '') || E'\x1f' || coalesce(brand, '')) gin_trgm_ops);

-- The category subtree is categories.path <@ (GiST index of 0004) resolved to ids, then products_active_category;
-- the customer filter reads product_push_log through its (customer_id, product_id) index of 0004.
