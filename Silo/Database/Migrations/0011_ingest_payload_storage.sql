-- An async job's body (≈ 9 MB of JSON per 10,000-entry batch) lives only while its job runs: compressing it
-- cost 200–260 ms per batch on the POST path (docs/performance.md, "Where the time goes") to save space for
-- minutes. EXTERNAL keeps it out of line, uncompressed. Existing rows keep their compression until rewritten.
ALTER TABLE ingest_payloads ALTER COLUMN body SET STORAGE EXTERNAL;
