namespace CatalogHub.Grains.Catalog;

/// <summary>
/// The set-based product write: one statement writes every product of a batch (inserts and version-checked updates),
/// their variants (upsert by SKU, delete the ones gone) and their outbox events, from parallel arrays (one element per
/// product, one per variant) filled by <see cref="ProductBatchParameters"/>. A product whose version moved or whose
/// category does not exist writes nothing and says so in its result row; its neighbours are written.
/// </summary>
/// <remarks>
/// All CTEs of a statement share one snapshot, so a product must appear at most once in a statement
/// (<see cref="ProductBatchWriter"/> splits repeats into rounds). The updates lock their rows in ascending id order
/// first (<see cref="LockForUpdate"/>): the join of <c>UPDATE … FROM</c> follows no order, and a customer push locks
/// products in that order.
/// </remarks>
internal static class ProductBatchSql
{
    /// <summary>Locks the rows the batch will update, ascending by id; one row (the count).</summary>
    public const string LockForUpdate = """
        SELECT count(*) FROM (SELECT id FROM products WHERE id = ANY ($1::uuid[]) ORDER BY id FOR NO KEY UPDATE) l
        """;

    public const string Write = """
        WITH c AS MATERIALIZED (
            SELECT i.*, (i.category_id IS NULL OR EXISTS (SELECT 1 FROM categories WHERE id = i.category_id)) AS known
            FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[],
                        $9::text[], $10::uuid[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[],
                        $16::text[], $17::jsonb[], $18::jsonb[], $19::jsonb[], $20::int[], $21::numeric[],
                        $22::numeric[], $23::bigint[], $24::timestamptz[], $25::timestamptz[], $26::bytea[],
                        $27::int[], $28::uuid[], $29::text[], $30::text[], $31::text[], $32::timestamptz[],
                        $56::bytea[])
                 WITH ORDINALITY AS i(id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand,
                                      category, category_id, description, product_type, image_url, ops_product_id,
                                      external_catalogue, handle, tags, metafields, details, variant_count, price_min,
                                      price_max, total_inventory, last_synced, discontinued_at, content_hash,
                                      expected, event_id, event_type, source_kind, source_ref, at, entry_hash, ord)
        ), ins AS (
            INSERT INTO products (id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand,
                category, category_id, description, product_type, image_url, ops_product_id, external_catalogue,
                handle, tags, metafields, details, variant_count, price_min, price_max, total_inventory,
                last_synced, discontinued_at, content_hash, version, created_at, updated_at, entry_hash,
                entry_version)
            SELECT id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand, category,
                   category_id, description, product_type, image_url, ops_product_id, external_catalogue, handle,
                   ARRAY(SELECT jsonb_array_elements_text(tags)), metafields, details, variant_count, price_min,
                   price_max, total_inventory, last_synced, discontinued_at, content_hash, 1, at, at, entry_hash,
                   CASE WHEN entry_hash IS NOT NULL THEN 1 END
            FROM c WHERE c.expected IS NULL AND c.known
            ORDER BY c.id
            ON CONFLICT DO NOTHING
            RETURNING id, number, version, catalog, key
        ), upd AS (
            UPDATE products p SET supplier_id = c.supplier_id, store_number = c.store_number,
                supplier_sku = c.supplier_sku, product_name = c.product_name, brand = c.brand, category = c.category,
                category_id = c.category_id, description = c.description, product_type = c.product_type,
                image_url = c.image_url, ops_product_id = c.ops_product_id, external_catalogue = c.external_catalogue,
                handle = c.handle, tags = ARRAY(SELECT jsonb_array_elements_text(c.tags)), metafields = c.metafields,
                details = c.details, variant_count = c.variant_count, price_min = c.price_min,
                price_max = c.price_max, total_inventory = c.total_inventory,
                last_synced = coalesce(c.last_synced, p.last_synced), discontinued_at = c.discontinued_at,
                content_hash = c.content_hash, version = p.version + 1, updated_at = c.at,
                entry_hash = c.entry_hash, entry_version = CASE WHEN c.entry_hash IS NOT NULL THEN p.version + 1 END
            FROM c
            WHERE p.id = c.id AND p.version = c.expected AND c.known
            RETURNING p.id, p.number, p.version, p.catalog, p.key
        ), w AS (
            SELECT * FROM ins UNION ALL SELECT * FROM upd
        ), vi AS MATERIALIZED (
            SELECT * FROM unnest($33::uuid[], $34::uuid[], $35::text[], $36::int[], $37::text[], $38::text[],
                                 $39::text[], $40::text[], $41::text[], $42::text[], $43::text[], $44::text[],
                                 $45::numeric[], $46::numeric[], $47::numeric[], $48::text[], $49::bigint[],
                                 $50::bigint[], $51::text[], $52::jsonb[], $53::jsonb[], $54::text[], $55::jsonb[])
                 AS v(product_id, id, sku, position, color, size, o1n, o1v, o2n, o2v, o3n, o3v, base_price,
                      compare_at_price, cost, barcode, inventory, incoming, warehouse, metafields, prices, tax_code,
                      data)
        ), d AS (
            DELETE FROM variants old USING upd
            WHERE old.product_id = upd.id
              AND NOT EXISTS (SELECT 1 FROM vi WHERE vi.product_id = old.product_id AND vi.sku = old.sku)
        ), v AS (
            INSERT INTO variants (id, product_id, catalog, sku, position, color, size, option1_name, option1_value,
                                  option2_name, option2_value, option3_name, option3_value, base_price,
                                  compare_at_price, cost, barcode, inventory, incoming, warehouse, metafields, prices,
                                  tax_code, data)
            SELECT vi.id, vi.product_id, w.catalog, vi.sku, vi.position, vi.color, vi.size, vi.o1n, vi.o1v, vi.o2n,
                   vi.o2v, vi.o3n, vi.o3v, vi.base_price, vi.compare_at_price, vi.cost, vi.barcode, vi.inventory,
                   vi.incoming, vi.warehouse, vi.metafields, vi.prices, vi.tax_code, vi.data
            FROM vi JOIN w ON w.id = vi.product_id
            ORDER BY vi.product_id, vi.position
            ON CONFLICT (product_id, sku) DO UPDATE SET
                position = excluded.position, color = excluded.color, size = excluded.size,
                option1_name = excluded.option1_name, option1_value = excluded.option1_value,
                option2_name = excluded.option2_name, option2_value = excluded.option2_value,
                option3_name = excluded.option3_name, option3_value = excluded.option3_value,
                base_price = excluded.base_price, compare_at_price = excluded.compare_at_price,
                cost = excluded.cost, barcode = excluded.barcode, inventory = excluded.inventory,
                incoming = excluded.incoming, warehouse = excluded.warehouse,
                metafields = excluded.metafields, prices = excluded.prices, tax_code = excluded.tax_code,
                data = excluded.data
            RETURNING product_id, number, position
        ), vn AS (
            SELECT product_id, array_agg(number ORDER BY position) AS numbers FROM v GROUP BY product_id
        ), e AS (
            INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                       source_kind, source_ref, payload)
            SELECT c.event_id, w.catalog, 'product', w.id, w.version, c.event_type, c.source_kind, c.source_ref,
                   jsonb_build_object('product_id', w.id, 'product_number', w.number, 'version', w.version,
                                      'catalog', w.catalog, 'key', w.key)
            FROM w JOIN c ON c.id = w.id
        ), r AS (
            -- Receipts of the ingestion entries a write applied, only when this statement wrote its product: a write
            -- that lost its version check leaves none, even when an earlier statement of the transaction wrote the row.
            INSERT INTO ingest_receipts (job_id, row_number, product_id)
            SELECT x.job_id, x.row_number, x.product_id
            FROM unnest($57::bigint[], $58::int[], $59::uuid[]) AS x(job_id, row_number, product_id)
            JOIN w ON w.id = x.product_id
            ON CONFLICT DO NOTHING
        )
        SELECT c.ord, w.number, w.version, c.known, vn.numbers
        FROM c LEFT JOIN w ON w.id = c.id LEFT JOIN vn ON vn.product_id = c.id
        ORDER BY c.ord
        """;

    /// <summary>
    /// A content change flips the updated products' <c>pushed</c> (and still <c>pushing</c>) selections to <c>stale</c> —
    /// or, for a customer that opted in (<c>auto_repush</c>) and has a delivery target, pushes the new version at once:
    /// the selection is <c>pushing</c> again, with a push-log row and a <c>product.pushed</c> event (source
    /// <c>repush</c>) whose id is stable per customer, product and version. This is a statement of its
    /// own, after the write, not a CTE of it: all CTEs of a statement share the snapshot taken when the statement
    /// started, and an update may have waited on its product row since then (a push holds it FOR SHARE until it
    /// commits), so a CTE can miss a selection that such a push marked pushed — even one inserted while the update
    /// waited. Run afterwards, the flip takes a snapshot in which every push that got a product row before this write
    /// has committed, and no later push can touch the product's selections before this transaction ends (it must lock
    /// the product row first). It flips only products this transaction wrote (their <c>xmin</c>), so a version conflict
    /// flips nothing. Returns no rows.
    /// </summary>
    public const string StaleFlip = """
        WITH f AS (
            UPDATE customer_selections s
            SET status = CASE WHEN r.repush THEN 'pushing' ELSE 'stale' END,
                stale_at = CASE WHEN r.repush THEN NULL ELSE x.at END,
                pushed_version = CASE WHEN r.repush THEN p.version ELSE s.pushed_version END,
                pushed_at = CASE WHEN r.repush THEN x.at ELSE s.pushed_at END
            FROM unnest($1::uuid[], $2::timestamptz[]) AS x(id, at)
            JOIN products p ON p.id = x.id AND p.xmin = pg_current_xact_id_if_assigned()::xid
            CROSS JOIN customers c
            CROSS JOIN LATERAL (SELECT c.auto_repush AND EXISTS (
                SELECT 1 FROM delivery_targets t WHERE t.id = 'customer:' || c.id::text AND t.disabled_at IS NULL) AS repush) r
            WHERE s.product_id = x.id AND c.id = s.customer_id AND s.status IN ('pushed', 'pushing')
            RETURNING s.customer_id, s.product_id, s.status, p.version, p.number, p.catalog, p.key, x.at
        ), l AS (
            INSERT INTO product_push_log (customer_id, product_id, product_version, pushed_at)
            SELECT customer_id, product_id, version, at FROM f WHERE status = 'pushing'
        )
        INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                   source_kind, source_ref, payload)
        SELECT md5('repush/' || f.customer_id::text || '/' || f.product_id::text || '/' || f.version)::uuid, f.catalog, 'product',
               f.product_id, f.version, 'product.pushed', 'repush', f.customer_id::text,
               jsonb_build_object('customer_id', f.customer_id, 'product_id', f.product_id, 'product_number', f.number,
                                  'version', f.version, 'catalog', f.catalog, 'key', f.key)
        FROM f WHERE f.status = 'pushing'
        ON CONFLICT (id) DO NOTHING
        """;
}
