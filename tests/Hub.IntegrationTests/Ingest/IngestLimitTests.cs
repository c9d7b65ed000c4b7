using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

public class IngestLimitTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<HttpClient> KeyWithLimitsAsync(object limits, string[]? stores = null)
    {
        using var created = await hub.Client().PostAsJsonAsync("/api/keys", new { name = "limited", scopes = new[] { "ingest" }, store_numbers = stores, limits });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return HubClients.For(hub.BaseAddress, (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!);
    }

    [Fact]
    public async Task EntriesOverTheKeysBudgetAnswer429WithRetryAfterAndWriteNothing()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = await KeyWithLimitsAsync(new { entries_per_minute = 3 });

        var (first, _) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("a", IngestTestData.Product("L1", "L-1")), ("b", IngestTestData.Product("L2", "L-2"))]));
        var (second, json) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("c", IngestTestData.Product("L3", "L-3")), ("d", IngestTestData.Product("L4", "L-4"))]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("Rate limit exceeded: 3 entries per minute", json.GetProperty("error").GetString());
        Assert.Equal(json.GetProperty("retry_after").GetInt32(), (int)second.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog = $1 AND key IN ('l3', 'l4')", $"store:{store}"));
    }

    [Fact]
    public async Task MoreEntriesThanTheKeyAllowsPerRequestAnswer422()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = await KeyWithLimitsAsync(new { max_entries_per_request = 2 });

        var (response, json) = await client.PostAsync($"/api/v1/ingest/products/{store}",
            IngestTestData.Body([("a", IngestTestData.Product("M1", "M-1")), ("b", IngestTestData.Product("M2", "M-2")), ("c", IngestTestData.Product("M3", "M-3"))]));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("must contain at most 2 items", json.GetProperty("validation_errors")[0].GetProperty("message").GetString());
    }

    [Fact]
    public async Task AStoreRestrictedKeyCannotWriteOrReadAnotherStore()
    {
        var mine = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var other = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var restricted = await KeyWithLimitsAsync(new { }, [mine]);
        var (_, othersJob) = await hub.Client().PostAsync($"/api/v1/ingest/products/{other}", IngestTestData.Body([("o", IngestTestData.Product("Other", "O-1"))]));

        var (write, writeJson) = await restricted.PostAsync($"/api/v1/ingest/products/{other}", IngestTestData.Body([("x", IngestTestData.Product("X", "X-1"))]));
        using var read = await restricted.GetAsync($"/api/v1/jobs/{othersJob.GetProperty("job_id").GetString()}");
        var (own, ownJson) = await restricted.PostAsync($"/api/v1/ingest/products/{mine}", IngestTestData.Body([("m", IngestTestData.Product("Mine", "MI-1"))]));
        using var readOwn = await restricted.GetAsync($"/api/v1/jobs/{ownJson.GetProperty("job_id").GetString()}");

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.True(writeJson.TryGetProperty("error", out _));
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readOwn.StatusCode);
    }
}
