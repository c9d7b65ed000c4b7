using System.Text.Json;
using Npgsql;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// Loads whole products (the canonical content back from its rows, so that it hashes as it was written), group-read,
/// for writers that change part of a product: the ingestion API's inventory and price entries, and product entries
/// that keep what they do not own. The product row and its variants are read by two statements of one batch; a
/// write between them shows as a version conflict when the reader writes, and it reloads.
/// </summary>
public sealed class ProductStateReader(NpgsqlDataSource dataSource) : GroupReader<StoredProduct>
{
    private const string Keys = "unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(catalog, key, i) JOIN products p ON p.catalog = k.catalog AND p.key = k.key";

    private const string Products = $"""
        SELECT k.i, p.id, p.number, p.version, p.content_hash, p.product_name, p.product_type, p.supplier_id,
               p.store_number, p.supplier_sku, p.brand, p.category, p.category_id, p.description, p.image_url,
               p.ops_product_id, p.external_catalogue, p.handle, p.tags, p.metafields::text, p.discontinued_at,
               p.details::text
        FROM {Keys}
        """;

    private const string Variants = $"""
        SELECT k.i, v.number, v.sku, v.color, v.size, v.option1_name, v.option1_value, v.option2_name, v.option2_value,
               v.option3_name, v.option3_value, v.base_price, v.compare_at_price, v.cost, v.barcode, v.inventory,
               v.incoming, v.warehouse, v.metafields::text, v.prices::text, v.tax_code, v.data::text
        FROM {Keys} JOIN variants v ON v.product_id = p.id
        ORDER BY k.i, v.position
        """;

    protected override async Task<StoredProduct?[]> ReadAsync(IReadOnlyList<ProductKey> keys)
    {
        await using var batch = dataSource.CreateBatch();
        return await ReadAsync(batch, keys, CancellationToken.None);
    }

    /// <summary>Reads <paramref name="keys"/> inside the caller's transaction (a feed import, which locked the rows first).</summary>
    public static async Task<StoredProduct?[]> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<ProductKey> keys, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        return await ReadAsync(batch, keys, ct);
    }

    private static async Task<StoredProduct?[]> ReadAsync(NpgsqlBatch batch, IReadOnlyList<ProductKey> keys, CancellationToken ct)
    {
        var catalogs = keys.Select(k => k.Catalog).ToArray();
        var names = keys.Select(k => k.Key).ToArray();
        foreach (var sql in new[] { Products, Variants })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = catalogs });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names });
            batch.BatchCommands.Add(command);
        }

        var products = new (ProductStamp Stamp, CanonicalProduct Product)?[keys.Count];
        var variants = new List<(CanonicalVariant Variant, long Number)>?[keys.Count];
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var i = (int)reader.GetInt64(0) - 1;
            products[i] = (ReadStamp(reader), ReadProduct(reader));
            variants[i] = [];
        }

        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            variants[(int)reader.GetInt64(0) - 1]?.Add((ReadVariant(reader), reader.GetInt64(1)));
        }

        var found = new StoredProduct?[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            if (products[i] is { } p)
            {
                found[i] = new StoredProduct(p.Stamp, p.Product with { Variants = [.. variants[i]!.Select(v => v.Variant)] }, [.. variants[i]!.Select(v => v.Number)]);
            }
        }

        return found;
    }

    private static ProductStamp ReadStamp(NpgsqlDataReader r) =>
        new(r.GetGuid(1), r.GetInt64(2), r.GetInt32(3), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(4)));

    private static CanonicalProduct ReadProduct(NpgsqlDataReader r) => ProductContent.WithDetails(
        new CanonicalProduct
        {
            ProductName = r.GetString(5),
            ProductType = r.GetString(6) == "print" ? ProductType.Print : ProductType.Apparel,
            SupplierId = Nullable<Guid>(r, 7),
            StoreNumber = Text(r, 8),
            SupplierSku = Text(r, 9),
            Brand = Text(r, 10),
            Category = Text(r, 11),
            CategoryId = Nullable<Guid>(r, 12),
            Description = Text(r, 13),
            ImageUrl = Text(r, 14),
            OpsProductId = Text(r, 15),
            ExternalCatalogue = Text(r, 16),
            Handle = Text(r, 17),
            Tags = r.GetFieldValue<string[]>(18),
            Metafields = Map(r.GetString(19)),
            DiscontinuedAt = r.IsDBNull(20) ? null : r.GetFieldValue<DateTimeOffset>(20),
        },
        r.GetString(21));

    private static CanonicalVariant ReadVariant(NpgsqlDataReader r)
    {
        var options = new List<OptionValue>(3);
        for (var c = 5; c <= 9; c += 2)
        {
            if (!r.IsDBNull(c) && !r.IsDBNull(c + 1))
            {
                options.Add(new OptionValue(r.GetString(c), r.GetString(c + 1)));
            }
        }

        return ProductContent.WithData(
            new CanonicalVariant
            {
                Sku = r.GetString(2),
                Color = Text(r, 3),
                Size = Text(r, 4),
                OptionValues = options,
                BasePrice = Nullable<decimal>(r, 11),
                CompareAtPrice = Nullable<decimal>(r, 12),
                Cost = Nullable<decimal>(r, 13),
                Barcode = Text(r, 14),
                Inventory = r.GetInt64(15),
                Incoming = r.GetInt64(16),
                Warehouse = Text(r, 17),
                Metafields = Map(r.GetString(18)),
                Prices = JsonSerializer.Deserialize<List<TierPrice>>(r.GetString(19), ProductContent.Json) ?? [],
                TaxCode = Text(r, 20),
            },
            r.GetString(21));
    }

    private static string? Text(NpgsqlDataReader r, int column) => r.IsDBNull(column) ? null : r.GetString(column);

    private static T? Nullable<T>(NpgsqlDataReader r, int column)
        where T : struct => r.IsDBNull(column) ? null : r.GetFieldValue<T>(column);

    private static Dictionary<string, string> Map(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, ProductContent.Json) ?? [];
}
