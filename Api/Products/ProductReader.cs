using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Api.Products;

/// <summary>
/// Reads products for the API straight from the catalog tables (the design's query surfaces); writes go
/// through <see cref="IProductGrain"/> only. One round trip per list (page and count in one batch, plus one
/// for a category subtree) and one per detail (product and variants in one batch).
/// </summary>
public sealed class ProductReader(NpgsqlDataSource dataSource, ProductTotals totals)
{
    private const string Subtree = """
        SELECT coalesce(array_agg(c.id), '{}') FROM categories root JOIN categories c ON c.path <@ root.path WHERE root.id = $1
        """;

    /// <summary>
    /// Makes the rest of the list's batch plan with its real values. The hub's connections auto-prepare
    /// statements they repeat (<c>Max Auto Prepare</c>), and after five executions PostgreSQL may switch a
    /// prepared statement to one generic plan for all values; for the list that plan fits no value well (a
    /// leaf category planned like a 2,800-row one scans products in number order: 7 ms instead of 1 ms; q +
    /// category_id: 29 ms instead of 2.5 ms). A batch runs in one implicit transaction, so the setting ends with it.
    /// </summary>
    private const string CustomPlans = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";

    private const string Product = """
        SELECT id, supplier_id, supplier_sku, product_name, brand, category, category_id, description, product_type,
               image_url, ops_product_id, external_catalogue, last_synced, archived_at, number, version, store_number,
               handle, tags, metafields::text, discontinued_at, updated_at, details::text,
               (SELECT s.name FROM suppliers s WHERE s.id = products.supplier_id) AS supplier_name
        FROM products WHERE id = $1
        """;

    private const string Variants = """
        SELECT id, color, size, sku, base_price, inventory, warehouse, prices::text, number,
               option1_name, option1_value, option2_name, option2_value, option3_name, option3_value,
               compare_at_price, cost, barcode, incoming, metafields::text
        FROM variants WHERE product_id = $1 ORDER BY position
        """;

    /// <summary>One page of the list and the total under its filter.</summary>
    public async Task<ProductPage> ListAsync(ProductListQuery query, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        IReadOnlyList<Guid>? categoryIds = null;
        if (query.CategoryId is { } categoryId)
        {
            await using var subtree = new NpgsqlCommand(Subtree, conn);
            subtree.Parameters.AddWithValue(categoryId);
            categoryIds = (Guid[])(await subtree.ExecuteScalarAsync(ct))!;
            if (categoryIds.Count == 0)
            {
                return new ProductPage([], 0);
            }
        }

        var sql = new ProductListSql(query, categoryIds);
        var known = totals.Find(query);
        var items = new List<ProductListRead>(query.Limit);
        if (query.Limit == 0 && known is { } remembered)
        {
            return new ProductPage(items, remembered);
        }

        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(CustomPlans));
        if (query.Limit > 0)
        {
            batch.BatchCommands.Add(sql.Command(sql.Page));
        }

        if (known is null)
        {
            batch.BatchCommands.Add(sql.Command(sql.Count));
        }

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        if (query.Limit > 0)
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(ListRow(reader));
            }

            await reader.NextResultAsync(ct);
        }

        if (known is { } total)
        {
            return new ProductPage(items, total);
        }

        await reader.ReadAsync(ct);
        total = reader.GetInt64(0);
        totals.Remember(query, total);
        return new ProductPage(items, total);
    }

    /// <summary>The product with its variants and details, or null.</summary>
    public async Task<ProductRead?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Product) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = id } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(Variants) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = id } } });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var product = DetailRow(reader);
        await reader.NextResultAsync(ct);
        var variants = new List<VariantRead>();
        while (await reader.ReadAsync(ct))
        {
            variants.Add(VariantRow(reader));
        }

        return product with { Variants = variants };
    }

    /// <summary>The catalog and key of a product (its grain's address), or null.</summary>
    public async Task<ProductKey?> LocateAsync(Guid id, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("SELECT catalog, key FROM products WHERE id = $1");
        cmd.Parameters.AddWithValue(id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ProductKey(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static ProductListRead ListRow(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        SupplierId = Nullable<Guid>(r, 1),
        SupplierName = Text(r, 20),
        SupplierSku = Text(r, 2),
        ProductName = r.GetString(3),
        Brand = Text(r, 4),
        Category = Text(r, 5),
        CategoryId = Nullable<Guid>(r, 6),
        ProductType = r.GetString(7),
        ImageUrl = Text(r, 8),
        OpsProductId = Text(r, 9),
        ExternalCatalogue = Text(r, 10),
        VariantCount = r.GetInt32(11),
        PriceMin = MoneyText.Normalize(Nullable<decimal>(r, 12)),
        PriceMax = MoneyText.Normalize(Nullable<decimal>(r, 13)),
        TotalInventory = r.GetInt64(14),
        ArchivedAt = Nullable<DateTimeOffset>(r, 15),
        Number = r.GetInt64(16),
        StoreNumber = Text(r, 17),
        Handle = Text(r, 18),
        DiscontinuedAt = Nullable<DateTimeOffset>(r, 19),
    };

    private static ProductRead DetailRow(NpgsqlDataReader r)
    {
        var id = r.GetGuid(0);
        var productType = r.GetString(8);
        var details = ProductDetailsView.From(id, productType, r.GetString(22));
        return new ProductRead
        {
            Id = id,
            SupplierId = Nullable<Guid>(r, 1),
            SupplierName = Text(r, 23),
            SupplierSku = Text(r, 2),
            ProductName = r.GetString(3),
            Brand = Text(r, 4),
            Category = Text(r, 5),
            CategoryId = Nullable<Guid>(r, 6),
            Description = Text(r, 7),
            ProductType = productType,
            ImageUrl = Text(r, 9),
            OpsProductId = Text(r, 10),
            ExternalCatalogue = Text(r, 11),
            LastSynced = Nullable<DateTimeOffset>(r, 12),
            ArchivedAt = Nullable<DateTimeOffset>(r, 13),
            Number = r.GetInt64(14),
            Version = r.GetInt32(15),
            StoreNumber = Text(r, 16),
            Handle = Text(r, 17),
            Tags = r.GetFieldValue<string[]>(18),
            Metafields = ProductDetailsView.Metafields(r.GetString(19)),
            DiscontinuedAt = Nullable<DateTimeOffset>(r, 20),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(21),
            Images = details.Images,
            ImagesByColor = details.ImagesByColor,
            Options = details.Options,
            ApparelDetails = details.ApparelDetails,
            PrintDetails = details.PrintDetails,
            Sizes = details.Sizes,
        };
    }

    private static VariantRead VariantRow(NpgsqlDataReader r)
    {
        var options = new List<OptionValueRead>(3);
        for (var i = 9; i < 15; i += 2)
        {
            if (Text(r, i) is { } name && Text(r, i + 1) is { } value)
            {
                options.Add(new OptionValueRead(name, value));
            }
        }

        return new VariantRead
        {
            Id = r.GetGuid(0),
            Color = Text(r, 1),
            Size = Text(r, 2),
            Sku = r.GetString(3),
            BasePrice = MoneyText.Normalize(Nullable<decimal>(r, 4)),
            Inventory = r.GetInt64(5),
            Warehouse = Text(r, 6),
            Prices = ProductDetailsView.Prices(r.GetString(7)),
            Number = r.GetInt64(8),
            OptionValues = options,
            CompareAtPrice = MoneyText.Normalize(Nullable<decimal>(r, 15)),
            Cost = MoneyText.Normalize(Nullable<decimal>(r, 16)),
            Barcode = Text(r, 17),
            Incoming = r.GetInt64(18),
            Metafields = ProductDetailsView.Metafields(r.GetString(19)),
        };
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static T? Nullable<T>(NpgsqlDataReader r, int i)
        where T : struct => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);
}

/// <summary>A page of the product list and the total under its filter.</summary>
public sealed record ProductPage(IReadOnlyList<ProductListRead> Items, long Total);
