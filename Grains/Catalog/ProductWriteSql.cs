using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// One statement per product write: the product row (insert when absent, version-checked update otherwise),
/// its variants (upsert by SKU, delete the ones gone) and its outbox event, as data-modifying CTEs that all
/// hinge on the product row: a version conflict or an unknown category writes nothing. An update is followed, in
/// the same transaction, by a second statement: the stale flip of the product's pushed customer selections.
/// </summary>
internal static class ProductWriteSql
{
    private const string VariantRows = """
        SELECT x.id, p.id, p.catalog, x.sku, x.position, x.color, x.size,
               x.o1n, x.o1v, x.o2n, x.o2v, x.o3n, x.o3v,
               x.base_price, x.compare_at_price, x.cost, x.barcode, x.inventory, x.incoming, x.warehouse,
               x.metafields, x.prices, x.tax_code, x.data
        FROM p, unnest($27::uuid[], $28::text[], $29::int[], $30::text[], $31::text[],
                       $32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::text[],
                       $38::numeric[], $39::numeric[], $40::numeric[], $41::text[], $42::bigint[], $43::bigint[],
                       $44::text[], $45::jsonb[], $46::jsonb[], $52::text[], $53::jsonb[])
             AS x(id, sku, position, color, size, o1n, o1v, o2n, o2v, o3n, o3v,
                  base_price, compare_at_price, cost, barcode, inventory, incoming, warehouse, metafields, prices,
                  tax_code, data)
        """;

    private const string VariantColumns = """
        (id, product_id, catalog, sku, position, color, size, option1_name, option1_value, option2_name,
         option2_value, option3_name, option3_value, base_price, compare_at_price, cost, barcode, inventory,
         incoming, warehouse, metafields, prices, tax_code, data)
        """;

    private const string Event = """
        INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                   source_kind, source_ref, payload)
        SELECT $47, p.catalog, 'product', p.id, p.version, $48, $49, $50,
               jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version,
                                  'catalog', p.catalog, 'key', p.key)
        FROM p
        """;

    /// <summary>
    /// A content change flips the product's <c>pushed</c> selections to <c>stale</c>. This is a statement of its
    /// own, after the product's update, not a CTE of it: all CTEs of a statement share the snapshot taken when
    /// the statement started, and the update may have waited on the product row since then (a push holds it
    /// FOR SHARE until it commits), so a CTE can miss a selection that such a push marked pushed — even one
    /// that was inserted while the update waited. Run afterwards, the flip takes a snapshot in which every push
    /// that got the product row before this write has committed, and no later push can touch the product's
    /// selections before this transaction ends (it must lock the product row first). It flips only when this
    /// transaction wrote the product row (its <c>xmin</c>), so a version conflict flips nothing.
    /// </summary>
    public const string StaleFlip = """
        UPDATE customer_selections SET status = 'stale', stale_at = $2
        WHERE product_id = $1 AND status = 'pushed'
          AND EXISTS (SELECT 1 FROM products WHERE id = $1 AND xmin = pg_current_xact_id_if_assigned()::xid)
        """;

    /// <summary>
    /// Whether the product's category exists (or none is given), read by the write's other CTEs: an unknown
    /// category writes nothing, and the result row says why, instead of failing the batch on the foreign key.
    /// </summary>
    private const string Category = """
        c AS (
            SELECT $10::uuid IS NULL OR EXISTS (SELECT 1 FROM categories WHERE id = $10::uuid) AS known
        )
        """;

    /// <summary>
    /// Always one row: the new number and version (null when nothing was written), whether the category is known,
    /// and the numbers of the product's variants in position order (null when nothing was written).
    /// </summary>
    private const string Result = """
        SELECT p.number, p.version, c.known, (SELECT array_agg(v.number ORDER BY v.position) FROM v)
        FROM c LEFT JOIN p ON true
        """;

    public const string Insert = $"""
        WITH {Category}, p AS (
            INSERT INTO products (id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand,
                category, category_id, description, product_type, image_url, ops_product_id, external_catalogue,
                handle, tags, metafields, details, variant_count, price_min, price_max, total_inventory,
                last_synced, discontinued_at, content_hash, version, created_at, updated_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                   $21, $22, $23, $24, $25, $26, 1, $51, $51
            FROM c WHERE c.known
            ON CONFLICT DO NOTHING
            RETURNING id, number, version, catalog, key
        ), v AS (
            INSERT INTO variants {VariantColumns}
            {VariantRows}
            RETURNING number, position
        ), e AS (
            {Event}
        )
        {Result}
        """;

    public const string Update = $"""
        WITH {Category}, p AS (
            UPDATE products SET supplier_id = $4, store_number = $5, supplier_sku = $6, product_name = $7,
                brand = $8, category = $9, category_id = $10, description = $11, product_type = $12,
                image_url = $13, ops_product_id = $14, external_catalogue = $15, handle = $16, tags = $17,
                metafields = $18, details = $19, variant_count = $20, price_min = $21, price_max = $22,
                total_inventory = $23, last_synced = coalesce($24, last_synced), discontinued_at = $25,
                content_hash = $26, version = version + 1, updated_at = $51
            FROM c
            WHERE id = $1 AND version = $54 AND c.known
            RETURNING id, number, version, catalog, key
        ), d AS (
            DELETE FROM variants old USING p WHERE old.product_id = p.id AND old.sku <> ALL ($28::text[])
        ), v AS (
            INSERT INTO variants {VariantColumns}
            {VariantRows}
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
            RETURNING number, position
        ), e AS (
            {Event}
        )
        {Result}
        """;

    /// <summary>
    /// The commands of <paramref name="write"/>, to run in this order in one transaction: the write, whose result
    /// is one row (number and version, both null when nothing was written; whether the category is known), then
    /// for an update the stale flip, which returns no rows.
    /// </summary>
    public static IEnumerable<NpgsqlBatchCommand> Commands(ProductWrite write)
    {
        if (write.EventOnly)
        {
            yield return EventOnlyCommand(write);
            yield break;
        }

        yield return Command(write);
        if (write.ExpectedVersion is not null)
        {
            var flip = new NpgsqlBatchCommand(StaleFlip);
            Add(flip.Parameters, write.Content.ProductId);               // $1
            Add(flip.Parameters, write.At);                              // $2
            yield return flip;
        }

        if (write.Receipts is { } receipts)
        {
            var receipt = new NpgsqlBatchCommand(Receipt);
            Add(receipt.Parameters, receipts.JobId);                     // $1
            Add(receipt.Parameters, receipts.Rows.ToArray());            // $2
            Add(receipt.Parameters, write.Content.ProductId);            // $3
            yield return receipt;
        }
    }

    /// <summary>
    /// Receipts of the ingestion entries a write applied, only when this transaction wrote the product row (as
    /// the stale flip): a version conflict leaves none. Returns no rows.
    /// </summary>
    public const string Receipt = """
        INSERT INTO ingest_receipts (job_id, row_number, product_id)
        SELECT $1, r, $3 FROM unnest($2::int[]) AS r
        WHERE EXISTS (SELECT 1 FROM products WHERE id = $3 AND xmin = pg_current_xact_id_if_assigned()::xid)
        ON CONFLICT DO NOTHING
        """;

    /// <summary>An outbox event for an unchanged product at the version the writer read; same result row as a write.</summary>
    public const string EventOnly = $"""
        WITH c AS (SELECT true AS known), p AS (
            SELECT id, number, version, catalog, key FROM products WHERE id = $1 AND version = $2
        ), v AS (
            SELECT number, position FROM variants WHERE product_id = $1 AND EXISTS (SELECT 1 FROM p)
        ), e AS (
            INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type,
                                       source_kind, source_ref, payload)
            SELECT $3, p.catalog, 'product', p.id, p.version, 'product.updated', $4, $5,
                   jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version,
                                      'catalog', p.catalog, 'key', p.key, 'forced', true)
            FROM p
            ON CONFLICT (id) DO NOTHING
        )
        {Result}
        """;

    private static NpgsqlBatchCommand EventOnlyCommand(ProductWrite write)
    {
        var version = write.ExpectedVersion ?? throw new InvalidOperationException("An event-only write needs the product's version.");
        var cmd = new NpgsqlBatchCommand(EventOnly);
        Add(cmd.Parameters, write.Content.ProductId);                    // $1
        Add(cmd.Parameters, version);                                    // $2
        Add(cmd.Parameters, NameBasedGuid.Create(write.Content.ProductId, $"event\n{version}\n{write.Source.Kind}\n{write.Source.Reference}")); // $3
        Add(cmd.Parameters, write.Source.Kind);                          // $4
        Add(cmd.Parameters, write.Source.Reference, NpgsqlDbType.Text);  // $5
        return cmd;
    }

    private static NpgsqlBatchCommand Command(ProductWrite write)
    {
        var c = write.Content;
        var p = c.Product;
        var newVersion = (write.ExpectedVersion ?? 0) + 1;
        var cmd = new NpgsqlBatchCommand(write.ExpectedVersion is null ? Insert : Update);
        var ps = cmd.Parameters;
        Add(ps, c.ProductId);                                            // $1
        Add(ps, c.Key.Catalog);                                          // $2
        Add(ps, c.Key.Key);                                              // $3
        Add(ps, p.SupplierId, NpgsqlDbType.Uuid);                        // $4
        Add(ps, p.StoreNumber, NpgsqlDbType.Text);                       // $5
        Add(ps, p.SupplierSku, NpgsqlDbType.Text);                       // $6
        Add(ps, p.ProductName);                                          // $7
        Add(ps, p.Brand, NpgsqlDbType.Text);                             // $8
        Add(ps, p.Category, NpgsqlDbType.Text);                          // $9
        Add(ps, p.CategoryId, NpgsqlDbType.Uuid);                        // $10
        Add(ps, p.Description, NpgsqlDbType.Text);                       // $11
        Add(ps, p.ProductType == ProductType.Print ? "print" : "apparel"); // $12
        Add(ps, p.ImageUrl, NpgsqlDbType.Text);                          // $13
        Add(ps, p.OpsProductId, NpgsqlDbType.Text);                      // $14
        Add(ps, p.ExternalCatalogue, NpgsqlDbType.Text);                 // $15
        Add(ps, p.Handle, NpgsqlDbType.Text);                            // $16
        Add(ps, p.Tags.ToArray());                                       // $17
        Add(ps, ProductContent.ToJson(p.Metafields), NpgsqlDbType.Jsonb); // $18
        Add(ps, c.DetailsJson(), NpgsqlDbType.Jsonb);                    // $19
        Add(ps, c.VariantCount);                                         // $20
        Add(ps, c.PriceMin, NpgsqlDbType.Numeric);                       // $21
        Add(ps, c.PriceMax, NpgsqlDbType.Numeric);                       // $22
        Add(ps, c.TotalInventory);                                       // $23
        Add(ps, write.Source.Kind == ChangeSources.Sync ? write.At : null, NpgsqlDbType.TimestampTz); // $24
        Add(ps, p.DiscontinuedAt, NpgsqlDbType.TimestampTz);             // $25
        Add(ps, Convert.FromHexString(c.Hash));                          // $26
        var variants = p.Variants;
        Add(ps, variants.Select(v => NameBasedGuid.Variant(c.ProductId, v.Sku)).ToArray()); // $27
        Add(ps, variants.Select(v => v.Sku).ToArray());                  // $28
        Add(ps, variants.Select((_, i) => i).ToArray());                 // $29
        Add(ps, variants.Select(v => v.Color).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text); // $30
        Add(ps, variants.Select(v => v.Size).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);  // $31
        for (var i = 0; i < 3; i++)                                      // $32..$37
        {
            var n = i;
            Add(ps, variants.Select(v => v.OptionValues.ElementAtOrDefault(n)?.Name).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            Add(ps, variants.Select(v => v.OptionValues.ElementAtOrDefault(n)?.Value).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
        }

        Add(ps, variants.Select(v => v.BasePrice).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Numeric);      // $38
        Add(ps, variants.Select(v => v.CompareAtPrice).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Numeric); // $39
        Add(ps, variants.Select(v => v.Cost).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Numeric);           // $40
        Add(ps, variants.Select(v => v.Barcode).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);           // $41
        Add(ps, variants.Select(v => v.Inventory).ToArray());            // $42
        Add(ps, variants.Select(v => v.Incoming).ToArray());             // $43
        Add(ps, variants.Select(v => v.Warehouse).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);         // $44
        Add(ps, variants.Select(v => ProductContent.ToJson(v.Metafields)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb); // $45
        Add(ps, variants.Select(v => ProductContent.ToJson(v.Prices)).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb);     // $46
        Add(ps, NameBasedGuid.ProductEvent(c.ProductId, newVersion));    // $47
        Add(ps, write.ExpectedVersion is null ? "product.created" : "product.updated"); // $48
        Add(ps, write.Source.Kind);                                      // $49
        Add(ps, write.Source.Reference, NpgsqlDbType.Text);              // $50
        Add(ps, write.At);                                               // $51
        Add(ps, variants.Select(v => v.TaxCode).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);           // $52
        Add(ps, variants.Select(ProductContent.VariantDataJson).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Jsonb); // $53
        if (write.ExpectedVersion is { } expected)
        {
            Add(ps, expected);                                           // $54
        }

        return cmd;
    }

    private static void Add<T>(NpgsqlParameterCollection ps, T value) => ps.Add(new NpgsqlParameter<T> { TypedValue = value });

    private static void Add(NpgsqlParameterCollection ps, object? value, NpgsqlDbType type) =>
        ps.Add(new NpgsqlParameter { Value = value ?? DBNull.Value, NpgsqlDbType = type });
}
