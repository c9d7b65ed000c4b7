using CatalogHub.Grains.Catalog;
using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.Bench.Scenarios.Upserts;

/// <summary>
/// The physical limit of writing the catalog: the same rows the grains write (product, variants, outbox
/// event; same ids, hash and aggregates from <see cref="ProductContent"/>), binary-COPYed into staging tables
/// and moved with one <c>INSERT … ON CONFLICT</c> per table, a few thousand products per transaction.
/// </summary>
public sealed class RawUpsert(NpgsqlDataSource db)
{
    public const int Chunk = 2_000;

    private const string Stage = """
        CREATE TEMP TABLE IF NOT EXISTS stage_products (
            id uuid, catalog text, key text, supplier_id uuid, supplier_sku text, product_name text, brand text,
            category text, description text, product_type text, image_url text, metafields jsonb, details jsonb,
            variant_count int, price_min numeric, price_max numeric, total_inventory bigint, content_hash bytea,
            event_id uuid) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS stage_variants (
            id uuid, product_id uuid, catalog text, sku text, position int, color text, size text, base_price numeric,
            inventory bigint, warehouse text, metafields jsonb, prices jsonb) ON COMMIT DELETE ROWS;
        """;

    private const string MoveProducts = """
        INSERT INTO products (id, catalog, key, supplier_id, supplier_sku, product_name, brand, category, description,
                              product_type, image_url, metafields, details, variant_count, price_min, price_max,
                              total_inventory, content_hash, last_synced, version, created_at, updated_at)
        SELECT id, catalog, key, supplier_id, supplier_sku, product_name, brand, category, description, product_type,
               image_url, metafields, details, variant_count, price_min, price_max, total_inventory, content_hash,
               $1, 1, $1, $1
        FROM stage_products
        ON CONFLICT (id) DO UPDATE SET product_name = excluded.product_name, brand = excluded.brand,
            category = excluded.category, description = excluded.description, image_url = excluded.image_url,
            details = excluded.details, variant_count = excluded.variant_count, price_min = excluded.price_min,
            price_max = excluded.price_max, total_inventory = excluded.total_inventory,
            content_hash = excluded.content_hash, last_synced = excluded.last_synced,
            version = products.version + 1, updated_at = excluded.updated_at
        WHERE products.content_hash <> excluded.content_hash
        """;

    private const string MoveVariants = """
        INSERT INTO variants (id, product_id, catalog, sku, position, color, size, base_price, inventory, warehouse, metafields, prices)
        SELECT id, product_id, catalog, sku, position, color, size, base_price, inventory, warehouse, metafields, prices
        FROM stage_variants
        ON CONFLICT (product_id, sku) DO UPDATE SET position = excluded.position, color = excluded.color,
            size = excluded.size, base_price = excluded.base_price, inventory = excluded.inventory,
            warehouse = excluded.warehouse, prices = excluded.prices
        """;

    private const string MoveEvents = """
        INSERT INTO outbox_events (id, catalog, aggregate_type, aggregate_id, aggregate_version, event_type, source_kind, source_ref, payload)
        SELECT s.event_id, s.catalog, 'product', s.id, p.version, 'product.created', 'sync', 'bench',
               jsonb_build_object('product_id', p.id, 'product_number', p.number, 'version', p.version, 'catalog', p.catalog, 'key', p.key)
        FROM stage_products s JOIN products p ON p.id = s.id
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Writes products <c>0 … count-1</c> of <paramref name="supplierId"/>'s catalog; reports each chunk to <paramref name="done"/>.</summary>
    public async Task WriteAsync(Guid supplierId, int count, Action<int> done)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var stage = new NpgsqlCommand(Stage, conn))
        {
            await stage.ExecuteNonQueryAsync();
        }

        Task<ProductContent[]> Prepare(int start) => Task.Run(() => Enumerable.Range(start, Math.Min(Chunk, count - start))
            .AsParallel().AsOrdered()
            .Select(i => ProductContent.Prepare(BenchProducts.Key(supplierId, i), BenchProducts.Create(supplierId, i)))
            .ToArray());

        var next = Prepare(0);
        for (var start = 0; start < count; start += Chunk)
        {
            var chunk = await next;
            if (start + Chunk < count)
            {
                next = Prepare(start + Chunk);
            }

            await using var tx = await conn.BeginTransactionAsync();
            await CopyAsync(conn, chunk);
            await using (var move = new NpgsqlBatch(conn, tx))
            {
                move.BatchCommands.Add(new NpgsqlBatchCommand(MoveProducts) { Parameters = { new NpgsqlParameter<DateTimeOffset> { TypedValue = DateTimeOffset.UtcNow } } });
                move.BatchCommands.Add(new NpgsqlBatchCommand(MoveVariants));
                move.BatchCommands.Add(new NpgsqlBatchCommand(MoveEvents));
                await move.ExecuteNonQueryAsync();
            }

            await tx.CommitAsync();
            done(chunk.Length);
        }
    }

    private static async Task CopyAsync(NpgsqlConnection conn, ProductContent[] chunk)
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
                await w.WriteAsync(p.SupplierId!.Value, NpgsqlDbType.Uuid);
                await w.WriteAsync(p.SupplierSku!, NpgsqlDbType.Text);
                await w.WriteAsync(p.ProductName, NpgsqlDbType.Text);
                await w.WriteAsync(p.Brand!, NpgsqlDbType.Text);
                await w.WriteAsync(p.Category!, NpgsqlDbType.Text);
                await w.WriteAsync(p.Description!, NpgsqlDbType.Text);
                await w.WriteAsync("apparel", NpgsqlDbType.Text);
                await w.WriteAsync(p.ImageUrl!, NpgsqlDbType.Text);
                await w.WriteAsync(ProductContent.ToJson(p.Metafields), NpgsqlDbType.Jsonb);
                await w.WriteAsync(c.DetailsJson(), NpgsqlDbType.Jsonb);
                await w.WriteAsync(c.VariantCount, NpgsqlDbType.Integer);
                await w.WriteAsync(c.PriceMin!.Value, NpgsqlDbType.Numeric);
                await w.WriteAsync(c.PriceMax!.Value, NpgsqlDbType.Numeric);
                await w.WriteAsync(c.TotalInventory, NpgsqlDbType.Bigint);
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
                    await w.WriteAsync(v.Color!, NpgsqlDbType.Text);
                    await w.WriteAsync(v.Size!, NpgsqlDbType.Text);
                    await w.WriteAsync(v.BasePrice!.Value, NpgsqlDbType.Numeric);
                    await w.WriteAsync(v.Inventory, NpgsqlDbType.Bigint);
                    await w.WriteAsync(v.Warehouse!, NpgsqlDbType.Text);
                    await w.WriteAsync(ProductContent.ToJson(v.Metafields), NpgsqlDbType.Jsonb);
                    await w.WriteAsync(ProductContent.ToJson(v.Prices), NpgsqlDbType.Jsonb);
                }
            }

            await w.CompleteAsync();
        }
    }
}
