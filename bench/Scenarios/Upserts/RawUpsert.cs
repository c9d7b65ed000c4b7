using CatalogHub.Grains.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Bench.Scenarios.Upserts;

/// <summary>
/// The physical limit of writing the catalog: the same rows the grains write (product, variants, outbox
/// event; same ids, hash, aggregates and jsonb columns from <see cref="ProductContent"/>, every column the
/// product write sets), binary-COPYed into staging tables and moved with one <c>INSERT … ON CONFLICT</c> per
/// table, a few thousand products per transaction. Any catalog: supplier products (raw-upsert) or store
/// products made from ingestion entries (the ingest scenario's baseline).
/// </summary>
public sealed class RawUpsert(NpgsqlDataSource db)
{
    public const int Chunk = 2_000;

    private const string Stage = """
        CREATE TEMP TABLE IF NOT EXISTS stage_products (
            id uuid, catalog text, key text, supplier_id uuid, store_number text, supplier_sku text, product_name text,
            brand text, category text, description text, product_type text, image_url text, handle text, tags text[],
            metafields jsonb, details jsonb, variant_count int, price_min numeric, price_max numeric,
            total_inventory bigint, last_synced timestamptz, content_hash bytea, event_id uuid) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_variants (
            id uuid, product_id uuid, catalog text, sku text, position int, color text, size text,
            option1_name text, option1_value text, option2_name text, option2_value text, option3_name text,
            option3_value text, base_price numeric, compare_at_price numeric, cost numeric, barcode text,
            inventory bigint, incoming bigint, warehouse text, metafields jsonb, prices jsonb, tax_code text,
            data jsonb) ON COMMIT DELETE ROWS;
        """;

    private const string MoveProducts = """
        INSERT INTO products (id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand, category,
                              description, product_type, image_url, handle, tags, metafields, details, variant_count,
                              price_min, price_max, total_inventory, content_hash, last_synced, version, created_at,
                              updated_at)
        SELECT id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand, category, description,
               product_type, image_url, handle, tags, metafields, details, variant_count, price_min, price_max,
               total_inventory, content_hash, last_synced, 1, $1, $1
        FROM stage_products
        ON CONFLICT (id) DO UPDATE SET product_name = excluded.product_name, brand = excluded.brand,
            category = excluded.category, description = excluded.description, image_url = excluded.image_url,
            handle = excluded.handle, tags = excluded.tags, metafields = excluded.metafields,
            details = excluded.details, variant_count = excluded.variant_count, price_min = excluded.price_min,
            price_max = excluded.price_max, total_inventory = excluded.total_inventory,
            content_hash = excluded.content_hash, last_synced = coalesce(excluded.last_synced, products.last_synced),
            version = products.version + 1, updated_at = excluded.updated_at
        WHERE products.content_hash <> excluded.content_hash
        """;

    private const string MoveVariants = """
        INSERT INTO variants (id, product_id, catalog, sku, position, color, size, option1_name, option1_value,
                              option2_name, option2_value, option3_name, option3_value, base_price, compare_at_price,
                              cost, barcode, inventory, incoming, warehouse, metafields, prices, tax_code, data)
        SELECT id, product_id, catalog, sku, position, color, size, option1_name, option1_value, option2_name,
               option2_value, option3_name, option3_value, base_price, compare_at_price, cost, barcode, inventory,
               incoming, warehouse, metafields, prices, tax_code, data
        FROM stage_variants
        ON CONFLICT (product_id, sku) DO UPDATE SET position = excluded.position, color = excluded.color,
            size = excluded.size, option1_name = excluded.option1_name, option1_value = excluded.option1_value,
            option2_name = excluded.option2_name, option2_value = excluded.option2_value,
            option3_name = excluded.option3_name, option3_value = excluded.option3_value,
            base_price = excluded.base_price, compare_at_price = excluded.compare_at_price, cost = excluded.cost,
            barcode = excluded.barcode, inventory = excluded.inventory, incoming = excluded.incoming,
            warehouse = excluded.warehouse, metafields = excluded.metafields, prices = excluded.prices,
            tax_code = excluded.tax_code, data = excluded.data
        """;

    private const string MoveEvents = """
        INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type, source_kind, source_ref, payload)
        SELECT s.event_id, s.catalog, 'product', s.id, p.version, 'product.created', $1, $2,
               jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version, 'catalog', p.catalog, 'key', p.key)
        FROM stage_products s JOIN products p ON p.id = s.id
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Writes products <c>0 … count-1</c> of <paramref name="supplierId"/>'s catalog; reports each chunk to <paramref name="done"/>.</summary>
    public Task WriteAsync(Guid supplierId, int count, Action<int> done) =>
        WriteAsync(count, i => ProductContent.Prepare(BenchProducts.Key(supplierId, i), BenchProducts.Create(supplierId, i)), new ChangeSource(ChangeSources.Sync, "bench"), done);

    /// <summary>
    /// Writes <paramref name="content"/>(0 … count-1) (prepared on other threads while the previous chunk is written),
    /// their outbox events from <paramref name="source"/>; reports each chunk to <paramref name="done"/>.
    /// </summary>
    public async Task WriteAsync(int count, Func<int, ProductContent> content, ChangeSource source, Action<int> done)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var stage = new NpgsqlCommand(Stage, conn))
        {
            await stage.ExecuteNonQueryAsync();
        }

        Task<ProductContent[]> Prepare(int start) => Task.Run(() => Enumerable.Range(start, Math.Min(Chunk, count - start))
            .AsParallel().AsOrdered()
            .Select(content)
            .ToArray());

        var next = Prepare(0);
        for (var start = 0; start < count; start += Chunk)
        {
            var chunk = await next;
            if (start + Chunk < count)
            {
                next = Prepare(start + Chunk);
            }

            var now = DateTimeOffset.UtcNow;
            await using var tx = await conn.BeginTransactionAsync();
            await CopyAsync(conn, chunk, source.Kind == ChangeSources.Sync ? now : null);
            await using (var move = new NpgsqlBatch(conn, tx))
            {
                move.BatchCommands.Add(new NpgsqlBatchCommand(MoveProducts) { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = now } } });
                move.BatchCommands.Add(new NpgsqlBatchCommand(MoveVariants));
                move.BatchCommands.Add(new NpgsqlBatchCommand(MoveEvents)
                {
                    Parameters = { new NpgsqlParameter<string> { TypedValue = source.Kind }, new NpgsqlParameter { Value = (object?)source.Reference ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text } },
                });
                await move.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
            done(chunk.Length);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection conn, ProductContent[] chunk, DateTimeOffset? lastSynced)
    {
        await using (var w = await conn.BeginBinaryImportAsync("COPY stage_products FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in chunk)
            {
                var p = c.Product;
                await w.StartRowAsync();
                await w.WriteAsync(c.ProductId, NpgsqlDbType.Uuid);
                await w.WriteAsync(c.Key.Catalog, NpgsqlDbType.Text);
                await w.WriteAsync(c.Key.Key, NpgsqlDbType.Text);
                await OptionalValueAsync(w, p.SupplierId, NpgsqlDbType.Uuid);
                await OptionalAsync(w, p.StoreNumber, NpgsqlDbType.Text);
                await OptionalAsync(w, p.SupplierSku, NpgsqlDbType.Text);
                await w.WriteAsync(p.ProductName, NpgsqlDbType.Text);
                await OptionalAsync(w, p.Brand, NpgsqlDbType.Text);
                await OptionalAsync(w, p.Category, NpgsqlDbType.Text);
                await OptionalAsync(w, p.Description, NpgsqlDbType.Text);
                await w.WriteAsync(p.ProductType == ProductType.Print ? "print" : "apparel", NpgsqlDbType.Text);
                await OptionalAsync(w, p.ImageUrl, NpgsqlDbType.Text);
                await OptionalAsync(w, p.Handle, NpgsqlDbType.Text);
                await w.WriteAsync(p.Tags.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
                await w.WriteAsync(ProductContent.ToJson(p.Metafields), NpgsqlDbType.Jsonb);
                await w.WriteAsync(c.DetailsJson(), NpgsqlDbType.Jsonb);
                await w.WriteAsync(c.VariantCount, NpgsqlDbType.Integer);
                await OptionalValueAsync(w, c.PriceMin, NpgsqlDbType.Numeric);
                await OptionalValueAsync(w, c.PriceMax, NpgsqlDbType.Numeric);
                await w.WriteAsync(c.TotalInventory, NpgsqlDbType.Bigint);
                await OptionalValueAsync(w, lastSynced, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(Convert.FromHexString(c.Hash), NpgsqlDbType.Bytea);
                await w.WriteAsync(NameBasedGuid.ProductEvent(c.ProductId, 1), NpgsqlDbType.Uuid);
            }

            await w.CompleteAsync();
        }

        await using (var w = await conn.BeginBinaryImportAsync("COPY stage_variants FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in chunk)
            {
                var position = 0;
                foreach (var v in c.Product.Variants)
                {
                    await w.StartRowAsync();
                    await w.WriteAsync(NameBasedGuid.Variant(c.ProductId, v.Sku), NpgsqlDbType.Uuid);
                    await w.WriteAsync(c.ProductId, NpgsqlDbType.Uuid);
                    await w.WriteAsync(c.Key.Catalog, NpgsqlDbType.Text);
                    await w.WriteAsync(v.Sku, NpgsqlDbType.Text);
                    await w.WriteAsync(position++, NpgsqlDbType.Integer);
                    await OptionalAsync(w, v.Color, NpgsqlDbType.Text);
                    await OptionalAsync(w, v.Size, NpgsqlDbType.Text);
                    for (var o = 0; o < 3; o++)
                    {
                        var option = o < v.OptionValues.Count ? v.OptionValues[o] : null;
                        await OptionalAsync(w, option?.Name, NpgsqlDbType.Text);
                        await OptionalAsync(w, option?.Value, NpgsqlDbType.Text);
                    }

                    await OptionalValueAsync(w, v.BasePrice, NpgsqlDbType.Numeric);
                    await OptionalValueAsync(w, v.CompareAtPrice, NpgsqlDbType.Numeric);
                    await OptionalValueAsync(w, v.Cost, NpgsqlDbType.Numeric);
                    await OptionalAsync(w, v.Barcode, NpgsqlDbType.Text);
                    await w.WriteAsync(v.Inventory, NpgsqlDbType.Bigint);
                    await w.WriteAsync(v.Incoming, NpgsqlDbType.Bigint);
                    await OptionalAsync(w, v.Warehouse, NpgsqlDbType.Text);
                    await w.WriteAsync(ProductContent.ToJson(v.Metafields), NpgsqlDbType.Jsonb);
                    await w.WriteAsync(ProductContent.ToJson(v.Prices), NpgsqlDbType.Jsonb);
                    await OptionalAsync(w, v.TaxCode, NpgsqlDbType.Text);
                    await w.WriteAsync(ProductContent.VariantDataJson(v), NpgsqlDbType.Jsonb);
                }
            }

            await w.CompleteAsync();
        }
    }

    /// <summary>A value that may be absent: NULL then.</summary>
    private static Task OptionalAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
        where T : class =>
        value is null ? w.WriteNullAsync() : w.WriteAsync(value, type);

    private static Task OptionalValueAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
        where T : struct =>
        value is { } v ? w.WriteAsync(v, type) : w.WriteNullAsync();
}
