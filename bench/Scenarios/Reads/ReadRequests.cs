using System.Globalization;
using CatalogHub.Api.Products;
using Npgsql;

namespace CatalogHub.Bench.Scenarios.Reads;

/// <summary>One kind of read: the HTTP paths its clients pick from and the same read done bare through <see cref="ProductReader"/>.</summary>
public sealed record ReadRequest(string Name, string[] Paths, Func<ProductReader, int, Task> Bare);

/// <summary>
/// The reads measured by list-latency (every filter of <c>GET /api/products</c>, q + category_id, a deep page)
/// and detail-latency (1,000 random products). Filter values come from the seeded catalog.
/// </summary>
public static class ReadRequests
{
    public static async Task<IReadOnlyList<ReadRequest>> ListAsync(NpgsqlDataSource db)
    {
        var supplier = await One(db, "SELECT supplier_id FROM products WHERE supplier_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var customer = await One(db, "SELECT customer_id FROM product_push_log GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        var root = await One(db, "SELECT id FROM categories WHERE name = 'Apparel'");
        var leaf = await One(db, "SELECT id FROM categories WHERE name = 'Apparel 2.3.1'");
        var store = await One(db, "SELECT store_number FROM products WHERE store_number IS NOT NULL GROUP BY 1 ORDER BY 1 LIMIT 1");
        return
        [
            List("list (no filter)"),
            List("list supplier_id", ("supplier_id", supplier)),
            List("list category_id (root, 4 levels)", ("category_id", root)),
            List("list category_id (leaf)", ("category_id", leaf)),
            List("list customer_id", ("customer_id", customer)),
            List("list brand", ("brand", "Port & Company")),
            List("list q=hoodie", ("q", "hoodie")),
            List("list q=carhartt", ("q", "carhartt")),
            List("list q=0001234", ("q", "0001234")),
            List("list q=hoodie + category_id", ("q", "hoodie"), ("category_id", root)),
            List("list archived=true", ("archived", "true")),
            List("list store_number", ("store_number", store)),
            List("list discontinued=true", ("discontinued", "true")),
            List("list discontinued=false", ("discontinued", "false")),
            List("list skip=5000", ("skip", "5000")),
        ];
    }

    public static async Task<ReadRequest> DetailAsync(NpgsqlDataSource db)
    {
        var ids = new List<Guid>();
        await using (var reader = await db.CreateCommand("SELECT id FROM products ORDER BY md5(id::text) LIMIT 1000").ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        return new ReadRequest(
            $"detail ({ids.Count:N0} random ids)",
            [.. ids.Select(id => $"/api/products/{id}")],
            async (reader, pick) => _ = await reader.GetAsync(ids[pick % ids.Count]) ?? throw new InvalidOperationException("product vanished"));
    }

    private static ReadRequest List(string name, params (string Name, string Value)[] filters)
    {
        var values = filters.ToDictionary(f => f.Name, f => f.Value);
        var parameters = new ProductListParameters
        {
            SupplierId = values.GetValueOrDefault("supplier_id"),
            CategoryId = values.GetValueOrDefault("category_id"),
            CustomerId = values.GetValueOrDefault("customer_id"),
            Brand = values.GetValueOrDefault("brand"),
            Q = values.GetValueOrDefault("q"),
            Archived = values.GetValueOrDefault("archived"),
            StoreNumber = values.GetValueOrDefault("store_number"),
            Discontinued = values.GetValueOrDefault("discontinued"),
            Skip = values.GetValueOrDefault("skip"),
        };
        if (!ProductListQuery.TryParse(parameters, out var query, out var errors))
        {
            throw new InvalidOperationException($"{name}: {string.Join(", ", errors.Keys)}");
        }

        var path = "/api/products" + (filters.Length == 0 ? "" : "?" + string.Join("&", filters.Select(f => $"{f.Name}={Uri.EscapeDataString(f.Value)}")));
        return new ReadRequest(name, [path], async (reader, _) => await reader.ListAsync(query));
    }

    private static async Task<string> One(NpgsqlDataSource db, string sql) =>
        Convert.ToString(await db.CreateCommand(sql).ExecuteScalarAsync(), CultureInfo.InvariantCulture)
        ?? throw new InvalidOperationException($"the catalog has no value for: {sql}");
}
