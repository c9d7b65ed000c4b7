-- The stale flip in the product write statement locks every selection of the product, whatever its
-- status, and reads the latest status under the lock: a push that commits while the write waits on the
-- product row is then still seen. That needs an index on product_id over all statuses; the partial index
-- of 0004 (status = 'pushed' only) cannot find a row whose snapshot version is still 'selected'.
CREATE INDEX IF NOT EXISTS customer_selections_product_id ON customer_selections (product_id);
DROP INDEX IF EXISTS customer_selections_product;

-- The product version a selection was last pushed at (the push log keeps the history).
ALTER TABLE customer_selections ADD COLUMN IF NOT EXISTS pushed_version integer NULL;
