using Npgsql;

namespace CatalogHub.Grains.Ingest;

/// <summary>The SKU index: (catalog, sku) → the products with such a variant, one statement for a whole chunk of entries.</summary>
public sealed class SkuResolver(NpgsqlDataSource dataSource)
{
    private const string Sql = """
        SELECT k.catalog, k.sku, p.key, p.metafields ->> 'merchandising.child_store'
        FROM (SELECT DISTINCT catalog, sku FROM unnest($1::text[], $2::text[]) AS u(catalog, sku)) AS k
        JOIN variants v ON v.catalog = k.catalog AND v.sku = k.sku
        JOIN products p ON p.id = v.product_id
        ORDER BY k.catalog, k.sku, p.number
        """;

    public async Task<ILookup<(string Catalog, string Sku), SkuMatch>> ResolveAsync(IReadOnlyCollection<(string Catalog, string Sku)> skus, CancellationToken ct)
    {
        var found = new List<((string, string) Lookup, SkuMatch Match)>();
        if (skus.Count > 0)
        {
            await using var cmd = dataSource.CreateCommand(Sql);
            cmd.Parameters.AddWithValue(skus.Select(s => s.Catalog).ToArray());
            cmd.Parameters.AddWithValue(skus.Select(s => s.Sku).ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var catalog = reader.GetString(0);
                found.Add(((catalog, reader.GetString(1)), new SkuMatch(catalog, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))));
            }
        }

        return found.ToLookup(f => f.Lookup, f => f.Match);
    }
}
