using System.Net;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

public class IdempotencyTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task SameKeyAndBodyReplaysTheFirstAnswerWithoutASecondJob()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var key = $"idem-{Guid.NewGuid():N}";
        var client = hub.Client();
        var body = IngestTestData.Body([("p1", IngestTestData.Product("Idem Shirt", "ID-1")), ("p2", new { title = "no variants", variants = Array.Empty<object>() })], idempotencyKey: key);

        var (first, firstJson) = await client.PostAsync($"/api/v1/ingest/products/{store}", body);
        var (second, secondJson) = await client.PostAsync($"/api/v1/ingest/products/{store}", body);

        Assert.Equal(HttpStatusCode.MultiStatus, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.MultiStatus, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(firstJson.ToString(), secondJson.ToString());
        Assert.Equal(1L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_jobs WHERE idempotency_key = $1", key));
    }

    [Fact]
    public async Task SameKeyWithAnotherBodyAnswers422()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var key = $"idem-{Guid.NewGuid():N}";
        var client = hub.Client();
        await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", IngestTestData.Product("One", "ONE-1"))], idempotencyKey: key));

        var (response, json) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", IngestTestData.Product("Two", "TWO-1"))], idempotencyKey: key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("idempotency_key", json.GetProperty("validation_errors")[0].GetProperty("field").GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog = $1 AND key = 'two'", $"store:{store}"));
    }

    [Fact]
    public async Task AnAsyncReplayAnswers202WithTheSameJob()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var key = $"idem-{Guid.NewGuid():N}";
        var body = IngestTestData.Body(Enumerable.Range(0, 120).Select(i => ($"e{i}", IngestTestData.Product($"Async Idem {i}", $"AI-{i}"))), idempotencyKey: key);
        var client = hub.Client();

        var (first, firstJson) = await client.PostAsync($"/api/v1/ingest/products/{store}", body);
        var (second, secondJson) = await client.PostAsync($"/api/v1/ingest/products/{store}", body);

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(firstJson.GetProperty("job_id").GetString(), secondJson.GetProperty("job_id").GetString());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task TheSameKeyOfAnotherApiKeyIsAnotherRequest()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var key = $"idem-{Guid.NewGuid():N}";
        using var created = await hub.Client().PostAsync("/api/keys", System.Net.Http.Json.JsonContent.Create(new { name = "other", scopes = new[] { "ingest" } }));
        var other = HubClients.For(hub.BaseAddress, (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("key").GetString()!);
        var body = IngestTestData.Body([("p1", IngestTestData.Product("Shared Key", "SK-1"))], idempotencyKey: key);

        var (first, firstJson) = await hub.Client().PostAsync($"/api/v1/ingest/products/{store}", body);
        var (second, secondJson) = await other.PostAsync($"/api/v1/ingest/products/{store}", body);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.NotEqual(firstJson.GetProperty("job_id").GetString(), secondJson.GetProperty("job_id").GetString());
        Assert.Equal("unchanged", secondJson.GetProperty("results")[0].GetProperty("action").GetString());
    }
}
