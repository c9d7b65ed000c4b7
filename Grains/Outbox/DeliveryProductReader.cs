using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Grains.Outbox;

/// <summary>Reads the current state of the products a round delivers, with the Shopify ids stored for them.</summary>
public sealed class DeliveryProductReader(NpgsqlDataSource dataSource, ProductStateReader states)
{
    private const string SyncIds = """
        SELECT p.id, p.archived_at IS NOT NULL, p.shopify_product_id, v.sku, v.number, v.shopify_variant_id, v.shopify_inventory_item_id
        FROM products p LEFT JOIN variants v ON v.product_id = p.id
        WHERE p.id = ANY ($1)
        ORDER BY p.id, v.position
        """;

    /// <summary>The products of <paramref name="groups"/> by id; a product that no longer exists is absent.</summary>
    public async Task<IReadOnlyDictionary<Guid, DeliveredProduct>> ReadAsync(IReadOnlyList<DeliveryGroup> groups, CancellationToken ct)
    {
        var wanted = groups.Where(g => !g.Latest.IsCallback && g.Latest.Key is not null).Select(g => g.Latest).ToList();
        var found = new Dictionary<Guid, DeliveredProduct>();
        if (wanted.Count == 0)
        {
            return found;
        }

        var stored = await states.LoadManyAsync([.. wanted.Select(e => new ProductKey(e.Catalog, e.Key!))]);
        var ids = await ReadSyncIdsAsync([.. wanted.Select(e => e.AggregateId)], ct);
        for (var i = 0; i < wanted.Count; i++)
        {
            if (stored[i] is { } product && ids.TryGetValue(product.Stamp.ProductId, out var sync))
            {
                found[wanted[i].AggregateId] = new DeliveredProduct(
                    product.Stamp.ProductId, product.Stamp.ProductNumber, product.Stamp.Version, wanted[i].Catalog, wanted[i].Key!,
                    sync.Archived, sync.ShopifyProductId, product.Product, sync.Variants);
            }
        }

        return found;
    }

    private async Task<Dictionary<Guid, (bool Archived, long? ShopifyProductId, List<VariantSyncIds> Variants)>> ReadSyncIdsAsync(Guid[] ids, CancellationToken ct)
    {
        var found = new Dictionary<Guid, (bool, long?, List<VariantSyncIds>)>();
        await using var cmd = dataSource.CreateCommand(SyncIds);
        cmd.Parameters.AddWithValue(ids);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var id = reader.GetGuid(0);
            if (!found.TryGetValue(id, out var product))
            {
                found[id] = product = (reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), []);
            }

            if (!reader.IsDBNull(3))
            {
                product.Item3.Add(new VariantSyncIds(reader.GetString(3), reader.GetInt64(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6)));
            }
        }

        return found;
    }
}
