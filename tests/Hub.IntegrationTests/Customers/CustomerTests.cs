using System.Net;
using System.Net.Http.Json;

namespace CatalogHub.IntegrationTests.Customers;

/// <summary>Customers over HTTP, and the scopes of the category and customer endpoints.</summary>
public class CustomerTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task ACustomerIsCreatedListedAndReadBack()
    {
        var name = $"Storefront {Guid.NewGuid():N}";
        var created = await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = $"  {name} " }, HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal(name, created.GetProperty("name").GetString());

        var read = await hub.GetJsonAsync($"/api/customers/{id}");
        Assert.Equal(name, read.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("created_at").GetDateTimeOffset(), read.GetProperty("created_at").GetDateTimeOffset());
        Assert.Contains((await hub.GetJsonAsync("/api/customers")).EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task CustomersAreListedByName()
    {
        var prefix = Guid.NewGuid().ToString("N");
        foreach (var n in new[] { "c", "a", "b" })
        {
            await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = $"{prefix} {n}" }, HttpStatusCode.Created);
        }

        var names = (await hub.GetJsonAsync("/api/customers")).EnumerateArray()
            .Select(c => c.GetProperty("name").GetString()!).Where(n => n.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Equal([$"{prefix} a", $"{prefix} b", $"{prefix} c"], names);
    }

    [Fact]
    public async Task ABlankNameIs422AndWritesNothing()
    {
        var before = await hub.ScalarAsync<long>("SELECT count(*) FROM customers");
        var problem = await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = " " }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("name", problem.Errors("name"));
        Assert.Equal(before, await hub.ScalarAsync<long>("SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task AnUnknownCustomerIs404Everywhere()
    {
        var id = Guid.NewGuid();
        var product = await hub.CreateProductAsync();
        await hub.SendAsync(HttpMethod.Get, $"/api/customers/{id}", null, HttpStatusCode.NotFound);
        await hub.SendAsync(HttpMethod.Get, $"/api/customers/{id}/selections", null, HttpStatusCode.NotFound);
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{id}/selections", new { product_ids = new[] { product } }, HttpStatusCode.NotFound);
        var problem = await hub.SendAsync(HttpMethod.Post, $"/api/customers/{id}/push", null, HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AReadKeyCanReadButEveryWriteIs403()
    {
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "scoped" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var category = (await hub.SendAsync(HttpMethod.Post, "/api/categories", new { name = "scoped" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var product = await hub.CreateProductAsync();
        using var reader = hub.Client(await hub.CreateKeyAsync("read"));

        foreach (var path in new[] { "/api/customers", $"/api/customers/{customer}", $"/api/customers/{customer}/selections", "/api/categories", $"/api/categories/{category}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(path)).StatusCode);
        }

        await CatalogTestData.AssertProblemAsync(await reader.PostAsJsonAsync("/api/customers", new { name = "x" }), HttpStatusCode.Forbidden);
        await CatalogTestData.AssertProblemAsync(await reader.PostAsJsonAsync($"/api/customers/{customer}/selections", new { product_ids = new[] { product } }), HttpStatusCode.Forbidden);
        await CatalogTestData.AssertProblemAsync(await reader.PostAsync($"/api/customers/{customer}/push", null), HttpStatusCode.Forbidden);
        await CatalogTestData.AssertProblemAsync(await reader.PostAsJsonAsync("/api/categories", new { name = "x" }), HttpStatusCode.Forbidden);
        await CatalogTestData.AssertProblemAsync(await reader.PatchAsJsonAsync($"/api/categories/{category}", new { name = "x" }), HttpStatusCode.Forbidden);
        await CatalogTestData.AssertProblemAsync(await reader.DeleteAsync($"/api/categories/{category}"), HttpStatusCode.Forbidden);
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM customer_selections WHERE customer_id = $1", customer));
        Assert.Equal("scoped", await hub.ScalarAsync<string>("SELECT name FROM categories WHERE id = $1", category));

        using var anonymous = hub.Anonymous();
        await CatalogTestData.AssertProblemAsync(await anonymous.GetAsync("/api/customers"), HttpStatusCode.Unauthorized);
        await CatalogTestData.AssertProblemAsync(await anonymous.GetAsync("/api/categories"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AKeyWithoutReadCannotRead()
    {
        using var ingest = hub.Client(await hub.CreateKeyAsync("ingest"));
        await CatalogTestData.AssertProblemAsync(await ingest.GetAsync("/api/customers"), HttpStatusCode.Forbidden);
        await CatalogTestData.AssertProblemAsync(await ingest.GetAsync("/api/categories"), HttpStatusCode.Forbidden);
    }
}
