-- The ingestion entry that last wrote a product, so that the same entry again is known to be unchanged from the
-- product row alone, without reading its variants back and re-hashing the content (issue 8, no-op re-ingest).
-- entry_hash: SHA-256 of the product as a products/POS entry described it (Grains/Ingest/EntryDigest);
-- entry_version: the product's version that write made. Any later write moves the version past it (a write that
-- is not such an entry also clears both), so the pair only matches while that entry's write is the latest.
-- Nullable without a default: adding them rewrites nothing, and running this again changes nothing.
ALTER TABLE products ADD COLUMN IF NOT EXISTS entry_hash bytea;
ALTER TABLE products ADD COLUMN IF NOT EXISTS entry_version int;
