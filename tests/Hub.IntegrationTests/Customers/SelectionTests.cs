using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Customers;

/// <summary>Customer selections over HTTP: validation writes nothing, re-selecting keeps rows, filters and paging.</summary>
public class SelectionTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<Guid> CustomerAsync() =>
        (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "shop" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private Task<JsonElement> SelectAsync(Guid customer, Guid[] products, HttpStatusCode expected = HttpStatusCode.OK) =>
        hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = products }, expected);

    private Task<long> SelectionCountAsync(Guid customer) =>
        hub.ScalarAsync<long>("SELECT count(*) FROM customer_selections WHERE customer_id = $1", customer);

    [Fact]
    public async Task UnknownProductIdsAre422ListingThemAndNothingIsWritten()
    {
        var customer = await CustomerAsync();
        var known = await hub.CreateProductAsync();
        var unknown1 = Guid.NewGuid();
        var unknown2 = Guid.NewGuid();

        var problem = await SelectAsync(customer, [known, unknown1, unknown2], HttpStatusCode.UnprocessableEntity);

        var message = problem.Errors("product_ids");
        Assert.Contains(unknown1.ToString(), message);
        Assert.Contains(unknown2.ToString(), message);
        Assert.DoesNotContain(known.ToString(), message);
        Assert.Equal(0, await SelectionCountAsync(customer));
    }

    [Fact]
    public async Task AnEmptyOrMissingListIs422()
    {
        var customer = await CustomerAsync();
        await SelectAsync(customer, [], HttpStatusCode.UnprocessableEntity);
        var problem = await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("at least one", problem.Errors("product_ids"));
    }

    [Fact]
    public async Task ReselectingKeepsTheExistingRowsAsTheyAre()
    {
        var customer = await CustomerAsync();
        var first = await hub.CreateProductAsync();
        var second = await hub.CreateProductAsync();
        var added = await SelectAsync(customer, [first, first]);
        Assert.Equal(1, added.GetProperty("added").GetInt32());
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);
        var xmin = await hub.ScalarAsync<string>("SELECT xmin::text FROM customer_selections WHERE customer_id = $1 AND product_id = $2", customer, first);

        var again = await SelectAsync(customer, [first, second]);

        Assert.Equal(1, again.GetProperty("added").GetInt32());
        Assert.Equal(1, again.GetProperty("already_selected").GetInt32());
        Assert.Equal(xmin, await hub.ScalarAsync<string>("SELECT xmin::text FROM customer_selections WHERE customer_id = $1 AND product_id = $2", customer, first));
        var statuses = (await hub.GetJsonAsync($"/api/customers/{customer}/selections")).EnumerateArray()
            .ToDictionary(s => s.GetProperty("product_id").GetGuid(), s => s.GetProperty("status").GetString());
        Assert.Equal("pushed", statuses[first]);
        Assert.Equal("selected", statuses[second]);
    }

    [Fact]
    public async Task SelectionsFilterByStatusAndPageWithATotal()
    {
        var customer = await CustomerAsync();
        var products = new[] { await hub.CreateProductAsync(), await hub.CreateProductAsync(), await hub.CreateProductAsync() };
        await SelectAsync(customer, products);
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", new { product_ids = new[] { products[1] } }, HttpStatusCode.OK);
        using var client = hub.Client();

        var pushed = await hub.GetJsonAsync($"/api/customers/{customer}/selections?status=pushed");
        Assert.Equal(products[1], Assert.Single(pushed.EnumerateArray()).GetProperty("product_id").GetGuid());
        Assert.Equal(2, (await hub.GetJsonAsync($"/api/customers/{customer}/selections?status=selected")).GetArrayLength());
        Assert.Equal(0, (await hub.GetJsonAsync($"/api/customers/{customer}/selections?status=stale")).GetArrayLength());
        using var page = await client.GetAsync($"/api/customers/{customer}/selections?skip=1&limit=1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("3", Assert.Single(page.Headers.GetValues("X-Total-Count")));
        var item = Assert.Single((await page.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
        Assert.Equal("Essential Tee", item.GetProperty("product_name").GetString());

        var problem = await CatalogTestData.AssertProblemAsync(await client.GetAsync($"/api/customers/{customer}/selections?status=gone"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("selected, pushing, pushed, stale", problem.Errors("status"));
        problem = await CatalogTestData.AssertProblemAsync(await client.GetAsync($"/api/customers/{customer}/selections?skip=-1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("skip", problem.Errors("skip"));
    }
}
