using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>
/// Arranges catalog data for the products API tests: products through <see cref="IProductGrain"/> (the only
/// write path), categories, customers and push-log rows with SQL (their endpoints belong to another issue).
/// </summary>
public sealed class ProductTestData(TestHub hub)
{
    public static readonly ChangeSource Source = new(ChangeSources.Admin, "test");

    public IProductGrain Grain(ProductKey key) => hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductGrain>(key.ToString());

    /// <summary>Upserts <paramref name="product"/> into the supplier's catalog under its SKU; returns the product id.</summary>
    public async Task<Guid> UpsertAsync(CanonicalProduct product)
    {
        var catalog = product.SupplierId is { } supplier ? ProductKey.SupplierCatalog(supplier) : ProductKey.StoreCatalog(product.StoreNumber!);
        var key = new ProductKey(catalog, product.SupplierSku ?? product.Handle!);
        return (await Grain(key).UpsertAsync(product, Source)).ProductId;
    }

    /// <summary>A minimal apparel product of <paramref name="supplierId"/> with two variants.</summary>
    public static CanonicalProduct Tee(Guid supplierId, string sku, string name = "Essential Tee", string? brand = "Port & Company") => new()
    {
        SupplierId = supplierId,
        SupplierSku = sku,
        ProductName = name,
        Brand = brand,
        Variants =
        [
            new CanonicalVariant { Sku = $"{sku}-S", Size = "S", BasePrice = 4.58m, Inventory = 10 },
            new CanonicalVariant { Sku = $"{sku}-M", Size = "M", BasePrice = 5m, Inventory = 20 },
        ],
    };

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Creates a category under <paramref name="parent"/> (ltree path of the ids' hex, as migration 0004 describes).</summary>
    public async Task<Guid> CategoryAsync(string name, Guid? parent = null)
    {
        var id = Guid.NewGuid();
        await ScalarAsync<int>("""
            INSERT INTO categories (id, name, parent_id, path)
            SELECT $1::uuid, $2, $3::uuid, coalesce((SELECT path FROM categories WHERE id = $3::uuid), ''::ltree) || text2ltree(replace($1::uuid::text, '-', ''))
            RETURNING 1
            """, id, name, parent is { } p ? p : DBNull.Value);
        return id;
    }

    public async Task<Guid> CustomerAsync()
    {
        var id = Guid.NewGuid();
        await ScalarAsync<int>("INSERT INTO customers (id, name) VALUES ($1, $2) RETURNING 1", id, $"customer {id:N}");
        return id;
    }

    public Task<int> PushLogAsync(Guid customer, Guid product) =>
        ScalarAsync<int>("INSERT INTO product_push_log (customer_id, product_id, product_version) VALUES ($1, $2, 1) RETURNING 1", customer, product);

    /// <summary>Creates an API key with <paramref name="scopes"/> through the admin API.</summary>
    public async Task<string> KeyAsync(params string[] scopes)
    {
        using var admin = hub.Client();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"products {string.Join('+', scopes)}", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>GET /api/products?<paramref name="query"/> as admin, expecting 200: the items and X-Total-Count.</summary>
    public async Task<(JsonElement[] Items, long Total)> ListAsync(string query)
    {
        using var client = hub.Client();
        using var response = await client.GetAsync($"/api/products?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = long.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        return ([.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()], total);
    }

    /// <summary>The ids of a list answer, in order.</summary>
    public static Guid[] Ids(JsonElement[] items) => [.. items.Select(i => i.GetProperty("id").GetGuid())];
}
