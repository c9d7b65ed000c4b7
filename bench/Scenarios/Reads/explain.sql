-- EXPLAIN (ANALYZE, BUFFERS) of the exact statements GET /api/products sends (ProductListSql), one per
-- filter (the page, with supplier names joined after its LIMIT, and the count), against a catalog made by
-- tools/CatalogSeeder. Run: psql "<connection>" -f bench/Scenarios/Reads/explain.sql
-- Filter values are picked from the data: the biggest supplier, brand 'Port & Company', category 'Apparel'
-- (root, 4 levels) and a leaf of it, the customer with most push-log rows, store 0001.
\pset pager off
SELECT supplier_id AS supplier FROM products WHERE supplier_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1 \gset
SELECT customer_id AS customer FROM product_push_log GROUP BY 1 ORDER BY count(*) DESC LIMIT 1 \gset
SELECT id AS root FROM categories WHERE name = 'Apparel' \gset
SELECT id AS leaf FROM categories WHERE name = 'Apparel 2.3.1' \gset
\set cols 'id, supplier_id, supplier_sku, product_name, brand, category, category_id, product_type, image_url, ops_product_id, external_catalogue, variant_count, price_min, price_max, total_inventory, archived_at, number, store_number, handle, discontinued_at'
\set search '(product_name || E''\\x1f'' || coalesce(supplier_sku, '''') || E''\\x1f'' || coalesce(brand, ''''))'

\echo '=== no filter (active) ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL;

\echo '=== archived=true ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NOT NULL ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NOT NULL;

\echo '=== supplier_id ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND supplier_id = :'supplier' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND supplier_id = :'supplier';

\echo '=== category_id (root: subtree resolution, then products) ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT coalesce(array_agg(c.id), '{}') FROM categories root JOIN categories c ON c.path <@ root.path WHERE root.id = :'root';
SELECT coalesce(array_agg(c.id), '{}') AS rootids FROM categories root JOIN categories c ON c.path <@ root.path WHERE root.id = :'root' \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND category_id = ANY (:'rootids'::uuid[]) ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND category_id = ANY (:'rootids'::uuid[]);

\echo '=== category_id (leaf) ==='
SELECT coalesce(array_agg(c.id), '{}') AS leafids FROM categories root JOIN categories c ON c.path <@ root.path WHERE root.id = :'leaf' \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND category_id = ANY (:'leafids'::uuid[]) ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND category_id = ANY (:'leafids'::uuid[]);

\echo '=== customer_id ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND id IN (SELECT product_id FROM product_push_log WHERE customer_id = :'customer') ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND id IN (SELECT product_id FROM product_push_log WHERE customer_id = :'customer');

\echo '=== brand ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND brand = 'Port & Company' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND brand = 'Port & Company';

\echo '=== store_number ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND store_number = '0001' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND store_number = '0001';

\echo '=== discontinued=true ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND discontinued_at IS NOT NULL ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND discontinued_at IS NOT NULL;

\echo '=== discontinued=false ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND discontinued_at IS NULL ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND discontinued_at IS NULL;

\echo '=== q=hoodie (a word in 4 % of names) ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND :search ILIKE '%hoodie%' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND :search ILIKE '%hoodie%';

\echo '=== q=carhartt (brand fragment) ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND :search ILIKE '%carhartt%' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND :search ILIKE '%carhartt%';

\echo '=== q=0001234 (SKU fragment) ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND :search ILIKE '%0001234%' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND :search ILIKE '%0001234%';

\echo '=== q=hoodie + category_id (root) ==='
EXPLAIN (ANALYZE, BUFFERS) SELECT page.*, s.name AS supplier_name FROM (SELECT :cols FROM products WHERE archived_at IS NULL AND category_id = ANY (:'rootids'::uuid[]) AND :search ILIKE '%hoodie%' ORDER BY number LIMIT 50 OFFSET 0) page LEFT JOIN suppliers s ON s.id = page.supplier_id ORDER BY page.number;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM products WHERE archived_at IS NULL AND category_id = ANY (:'rootids'::uuid[]) AND :search ILIKE '%hoodie%';

\echo '=== detail ==='
SELECT id AS pid FROM products WHERE number = 50000 \gset
EXPLAIN (ANALYZE, BUFFERS) SELECT *, details::text FROM products WHERE id = :'pid';
EXPLAIN (ANALYZE, BUFFERS) SELECT id, color, size, sku, base_price, inventory, warehouse, prices::text FROM variants WHERE product_id = :'pid' ORDER BY position;
