using Npgsql;
using NpgsqlTypes;

namespace CatalogHub.CatalogSeeder;

/// <summary>Writes a <see cref="SyntheticCatalog"/> with binary COPY, in chunks of products and their variants.</summary>
public sealed class CatalogLoader(NpgsqlDataSource dataSource, SyntheticCatalog catalog, TextWriter log)
{
    private const int Chunk = 5_000;

    private const string ProductCopy = """
        COPY products (id, catalog, key, supplier_id, store_number, supplier_sku, product_name, brand, category, category_id,
                       description, product_type, image_url, handle, details, variant_count, price_min, price_max,
                       total_inventory, last_synced, archived_at, discontinued_at, version, content_hash, created_at, updated_at)
        FROM STDIN (FORMAT BINARY)
        """;

    private const string VariantCopy = """
        COPY variants (id, product_id, catalog, sku, position, color, size, base_price, inventory, warehouse, prices)
        FROM STDIN (FORMAT BINARY)
        """;

    /// <summary>The whole catalog: categories, products with variants, customers with push logs, then VACUUM ANALYZE.</summary>
    public async Task<(long Variants, long PushLogRows)> LoadAsync(int products, int variantsPerProduct, int customers)
    {
        await CategoriesAsync();
        log.WriteLine($"{catalog.Categories.Count} categories, 4 levels");
        var variants = await ProductsAsync(products, variantsPerProduct);
        var pushed = await CustomersAsync(customers);
        log.WriteLine($"{customers} customers, {pushed:N0} push-log rows");
        await VacuumAsync();
        return (variants, pushed);
    }

    public async Task<bool> IsEmptyAsync() => (long)(await Scalar("SELECT count(*) FROM products"))! == 0;

    public Task TruncateAsync() => Scalar("TRUNCATE product_push_log, customer_selections, variants, products, categories, customers, outbox_events");

    public async Task CategoriesAsync()
    {
        await using var cmd = dataSource.CreateCommand("""
            INSERT INTO categories (id, name, parent_id, path)
            SELECT id, name, parent_id, path::ltree FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[]) AS c(id, name, parent_id, path)
            """);
        cmd.Parameters.AddWithValue(catalog.Categories.Select(c => c.Id).ToArray());
        cmd.Parameters.AddWithValue(catalog.Categories.Select(c => c.Name).ToArray());
        cmd.Parameters.Add(new NpgsqlParameter { Value = catalog.Categories.Select(c => c.ParentId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.AddWithValue(catalog.Categories.Select(c => c.Path).ToArray());
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<long> ProductsAsync(int products, int variantsPerProduct)
    {
        var now = DateTimeOffset.UtcNow;
        long variants = 0;
        await using var conn = await dataSource.OpenConnectionAsync();
        for (var start = 0; start < products; start += Chunk)
        {
            var rows = Enumerable.Range(start, Math.Min(Chunk, products - start))
                .AsParallel().AsOrdered()
                .Select(i => ProductRowGenerator.Create(catalog, i, variantsPerProduct, now))
                .ToList();
            await using (var writer = await conn.BeginBinaryImportAsync(ProductCopy))
            {
                foreach (var p in rows)
                {
                    await WriteProductAsync(writer, p, now);
                }

                await writer.CompleteAsync();
            }

            await using (var writer = await conn.BeginBinaryImportAsync(VariantCopy))
            {
                foreach (var p in rows)
                {
                    foreach (var v in p.Variants)
                    {
                        await writer.StartRowAsync();
                        await writer.WriteAsync(v.Id, NpgsqlDbType.Uuid);
                        await writer.WriteAsync(p.Id, NpgsqlDbType.Uuid);
                        await writer.WriteAsync(p.Key.Catalog, NpgsqlDbType.Text);
                        await writer.WriteAsync(v.Sku, NpgsqlDbType.Text);
                        await writer.WriteAsync(v.Position, NpgsqlDbType.Integer);
                        await NullableAsync(writer, v.Color, NpgsqlDbType.Text);
                        await writer.WriteAsync(v.Size, NpgsqlDbType.Text);
                        await writer.WriteAsync(v.BasePrice, NpgsqlDbType.Numeric);
                        await writer.WriteAsync(v.Inventory, NpgsqlDbType.Bigint);
                        await writer.WriteAsync(v.Warehouse, NpgsqlDbType.Text);
                        await writer.WriteAsync(v.PricesJson, NpgsqlDbType.Jsonb);
                        variants++;
                    }
                }

                await writer.CompleteAsync();
            }

            log.WriteLine($"  {start + rows.Count:N0} products, {variants:N0} variants");
        }

        return variants;
    }

    /// <summary>Customers, each with push-log rows for a different number of active products (500, 1000, ...).</summary>
    public async Task<long> CustomersAsync(int customers)
    {
        long rows = 0;
        for (var k = 0; k < customers; k++)
        {
            var id = SyntheticCatalog.CustomerId(catalog.Seed, k);
            await Scalar("INSERT INTO customers (id, name) VALUES ($1, $2)", id, $"Storefront {k + 1}");
            rows += (int)(await Scalar("""
                WITH pushed AS (
                    INSERT INTO product_push_log (customer_id, product_id, product_version)
                    SELECT $1, id, version FROM products WHERE archived_at IS NULL ORDER BY md5(id::text || $1::text) LIMIT $2
                    RETURNING 1)
                SELECT count(*)::int FROM pushed
                """, id, (k + 1) * 500))!;
        }

        return rows;
    }

    /// <summary>Statistics and the visibility map, as autovacuum would leave them: index-only scans need the latter.</summary>
    public async Task VacuumAsync()
    {
        foreach (var table in new[] { "categories", "products", "variants", "customers", "product_push_log" })
        {
            await Scalar($"VACUUM (ANALYZE) {table}");
        }
    }

    private static async Task WriteProductAsync(NpgsqlBinaryImporter w, ProductRow p, DateTimeOffset now)
    {
        await w.StartRowAsync();
        await w.WriteAsync(p.Id, NpgsqlDbType.Uuid);
        await w.WriteAsync(p.Key.Catalog, NpgsqlDbType.Text);
        await w.WriteAsync(p.Key.Key, NpgsqlDbType.Text);
        await NullableAsync(w, p.SupplierId, NpgsqlDbType.Uuid);
        await NullableAsync(w, p.StoreNumber, NpgsqlDbType.Text);
        await NullableAsync(w, p.SupplierSku, NpgsqlDbType.Text);
        await w.WriteAsync(p.Name, NpgsqlDbType.Text);
        await w.WriteAsync(p.Brand, NpgsqlDbType.Text);
        await w.WriteAsync(p.Category.Name, NpgsqlDbType.Text);
        await w.WriteAsync(p.Category.Id, NpgsqlDbType.Uuid);
        await w.WriteAsync($"{p.Name} by {p.Brand}.", NpgsqlDbType.Text);
        await w.WriteAsync(p.ProductType, NpgsqlDbType.Text);
        await w.WriteAsync(p.ImageUrl, NpgsqlDbType.Text);
        await NullableAsync(w, p.Handle, NpgsqlDbType.Text);
        await w.WriteAsync(p.DetailsJson, NpgsqlDbType.Jsonb);
        await w.WriteAsync(p.Variants.Count, NpgsqlDbType.Integer);
        await NullableAsync(w, p.PriceMin, NpgsqlDbType.Numeric);
        await NullableAsync(w, p.PriceMax, NpgsqlDbType.Numeric);
        await w.WriteAsync(p.TotalInventory, NpgsqlDbType.Bigint);
        await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
        await NullableAsync(w, p.ArchivedAt, NpgsqlDbType.TimestampTz);
        await NullableAsync(w, p.DiscontinuedAt, NpgsqlDbType.TimestampTz);
        await w.WriteAsync(1, NpgsqlDbType.Integer);
        await w.WriteAsync(p.ContentHash, NpgsqlDbType.Bytea);
        await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
        await w.WriteAsync(now, NpgsqlDbType.TimestampTz);
    }

    private static Task NullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) =>
        value is null ? w.WriteNullAsync() : w.WriteAsync(value, type);

    private async Task<object?> Scalar(string sql, params object[] args)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        return await cmd.ExecuteScalarAsync();
    }
}
