using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;

namespace CatalogHub.IntegrationTests.Infrastructure;

/// <summary>Arrange and assert helpers for the category and customer tests: products through the real grain, keys, SQL.</summary>
public static class CatalogTestData
{
    private static readonly ChangeSource Source = new(ChangeSources.Admin, "test");

    /// <summary>A fresh product key in a test store catalog.</summary>
    public static ProductKey NewKey() => new("store:0001", $"p-{Guid.NewGuid():N}");

    /// <summary>A small product; <paramref name="price"/> changes its content.</summary>
    public static CanonicalProduct Product(decimal price = 5m, Guid? categoryId = null) => new()
    {
        ProductName = "Essential Tee",
        CategoryId = categoryId,
        Variants = [new CanonicalVariant { Sku = "S", Size = "S", BasePrice = price, Inventory = 3 }],
    };

    /// <summary>Upserts through <see cref="IProductGrain"/>, the only write path for product content.</summary>
    public static Task<UpsertResult> UpsertAsync(this TestHub hub, ProductKey key, CanonicalProduct product) =>
        hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductGrain>(key.ToString()).UpsertAsync(product, Source);

    /// <summary>Creates a product and returns its id.</summary>
    public static async Task<Guid> CreateProductAsync(this TestHub hub, Guid? categoryId = null) =>
        (await hub.UpsertAsync(NewKey(), Product(categoryId: categoryId))).ProductId;

    /// <summary>An API key with <paramref name="scopes"/>.</summary>
    public static async Task<string> CreateKeyAsync(this TestHub hub, params string[] scopes)
    {
        using var admin = hub.Client();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "test", scopes });
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
    public static async Task<T> ScalarAsync<T>(this TestHub hub, string sql, params object[] args)
    {
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.AddWithValue(a);
        }

        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
