using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>
/// Arrange and assert helpers for the catalog tests (products, categories, customers, pushes): products
/// through the real <see cref="IProductGrain"/> (the only write path for product content), everything
/// else through its endpoint or, where a test only needs the rows, plain SQL.
/// </summary>
public static class CatalogTestData
{
    /// <summary>The change source of every test write.</summary>
    public static readonly ChangeSource Source = new(ChangeSources.Admin, "test");

    /// <summary>A fresh product key in a test store catalog.</summary>
    public static ProductKey NewKey() => new("store:0001", $"p-{Guid.NewGuid():N}");

    /// <summary>A small product; <paramref name="price"/> changes its content.</summary>
    public static CanonicalProduct Product(decimal price = 5m, Guid? categoryId = null) => new()
    {
        ProductName = "Essential Tee",
        CategoryId = categoryId,
        Variants = [new CanonicalVariant { Sku = "S", Size = "S", BasePrice = price, Inventory = 3 }],
    };

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

    /// <summary>The grain that writes the product of <paramref name="key"/>.</summary>
    public static IProductGrain Grain(this TestHub hub, ProductKey key) =>
        hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductGrain>(key.ToString());

    /// <summary>Upserts through <see cref="IProductGrain"/>, the only write path for product content.</summary>
    public static Task<UpsertResult> UpsertAsync(this TestHub hub, ProductKey key, CanonicalProduct product) =>
        hub.Grain(key).UpsertAsync(product, Source);

    /// <summary>Upserts <paramref name="product"/> into its supplier's catalog under its SKU (or its store's under its handle); returns the product id.</summary>
    public static async Task<Guid> UpsertProductAsync(this TestHub hub, CanonicalProduct product)
    {
        var catalog = product.SupplierId is { } supplier ? ProductKey.SupplierCatalog(supplier) : ProductKey.StoreCatalog(product.StoreNumber!);
        return (await hub.UpsertAsync(new ProductKey(catalog, product.SupplierSku ?? product.Handle!), product)).ProductId;
    }

    /// <summary>Creates a product and returns its id.</summary>
    public static async Task<Guid> CreateProductAsync(this TestHub hub, Guid? categoryId = null) =>
        (await hub.UpsertAsync(NewKey(), Product(categoryId: categoryId))).ProductId;

    /// <summary>Inserts a category under <paramref name="parent"/> with SQL (ltree path of the ids' hex, as migration 0004 describes).</summary>
    public static async Task<Guid> InsertCategoryAsync(this TestHub hub, string name, Guid? parent = null)
    {
        var id = Guid.NewGuid();
        await hub.ScalarAsync<int>("""
            INSERT INTO categories (id, name, parent_id, path)
            SELECT $1::uuid, $2, $3::uuid, coalesce((SELECT path FROM categories WHERE id = $3::uuid), ''::ltree) || text2ltree(replace($1::uuid::text, '-', ''))
            RETURNING 1
            """, id, name, parent is { } p ? p : DBNull.Value);
        return id;
    }

    /// <summary>Inserts a customer with SQL.</summary>
    public static async Task<Guid> InsertCustomerAsync(this TestHub hub)
    {
        var id = Guid.NewGuid();
        await hub.ScalarAsync<int>("INSERT INTO customers (id, name) VALUES ($1, $2) RETURNING 1", id, $"customer {id:N}");
        return id;
    }

    /// <summary>Inserts a push-log row (version 1) with SQL, as a push would.</summary>
    public static Task<int> InsertPushLogAsync(this TestHub hub, Guid customer, Guid product) =>
        hub.ScalarAsync<int>("INSERT INTO product_push_log (customer_id, product_id, product_version) VALUES ($1, $2, 1) RETURNING 1", customer, product);

    /// <summary>An API key with <paramref name="scopes"/>, created through the admin API.</summary>
    public static async Task<string> CreateKeyAsync(this TestHub hub, params string[] scopes)
    {
        using var admin = hub.Client();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"test {string.Join('+', scopes)}", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    /// <summary>POST/PATCH JSON as the admin, asserting the status; returns the body.</summary>
    public static async Task<JsonElement> SendAsync(this TestHub hub, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var client = hub.Client();
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GET as the admin, expecting 200.</summary>
    public static Task<JsonElement> GetJsonAsync(this TestHub hub, string path) => hub.SendAsync(HttpMethod.Get, path, null, HttpStatusCode.OK);

    /// <summary>GET /api/products?<paramref name="query"/> as admin, expecting 200: the items and X-Total-Count.</summary>
    public static async Task<(JsonElement[] Items, long Total)> ListProductsAsync(this TestHub hub, string query)
    {
        using var client = hub.Client();
        using var response = await client.GetAsync($"/api/products?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = long.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        return ([.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()], total);
    }

    /// <summary>The ids of a list answer, in order.</summary>
    public static Guid[] Ids(JsonElement[] items) => [.. items.Select(i => i.GetProperty("id").GetGuid())];

    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/>; returns the problem.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    /// <summary>The messages of a 422 problem for <paramref name="field"/>, joined.</summary>
    public static string Errors(this JsonElement problem, string field) =>
        string.Join(" | ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));

    /// <summary>One value from the hub's database.</summary>
    public static Task<T> ScalarAsync<T>(this TestHub hub, string sql, params object[] args) => Sql.ScalarAsync<T>(hub.ConnectionString, sql, args);
}
