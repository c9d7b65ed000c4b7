using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

public class ProductIngestTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task SpecMinimalProductIsCreatedWithItsNumbers()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var body = JsonNode.Parse("""{"entries":[{"entry_id":"prod-minimal","data":{"title":"Simple Product","variants":[{"sku":"SIMPLE-001","price":19.99}]}}]}""")!;

        var (response, json) = await hub.Client().PostAsync($"/api/v1/ingest/products/{store}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("completed", json.GetProperty("status").GetString());
        var result = json.GetProperty("results")[0];
        Assert.Equal("prod-minimal", result.GetProperty("entry_id").GetString());
        Assert.Equal("success", result.GetProperty("status").GetString());
        Assert.Equal("created", result.GetProperty("action").GetString());
        var productNumber = result.GetProperty("product_id").GetInt64();
        var variantNumber = result.GetProperty("variant_ids")[0].GetInt64();
        Assert.Equal(productNumber, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT number FROM products WHERE catalog = $1 AND key = 'simple-product'", $"store:{store}"));
        Assert.Equal(variantNumber, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT v.number FROM variants v JOIN products p ON p.id = v.product_id WHERE p.number = $1", productNumber));
        var summary = json.GetProperty("summary");
        Assert.Equal((1, 1, 1, 0, 0), (summary.GetProperty("total").GetInt32(), summary.GetProperty("processed").GetInt32(), summary.GetProperty("created").GetInt32(), summary.GetProperty("updated").GetInt32(), summary.GetProperty("errors").GetInt32()));
    }

    [Fact]
    public async Task SameProductAgainIsUnchangedAndWritesNothing()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var body = IngestTestData.Body([("p1", IngestTestData.Product("Same Shirt", "A-1", "A-2"))]);
        var client = hub.Client();
        var (_, created) = await client.PostAsync($"/api/v1/ingest/products/{store}", body);
        var before = await Sql.ScalarAsync<string>(hub.ConnectionString,
            "SELECT string_agg(p.xmin::text || '/' || v.xmin::text, ',' ORDER BY v.sku) FROM products p JOIN variants v ON v.product_id = p.id WHERE p.catalog = $1", $"store:{store}");
        var events = await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM outbox_events WHERE catalog = $1", $"store:{store}");

        var (response, json) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", IngestTestData.Product("Same Shirt", "A-1", "A-2"))]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unchanged", json.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(created.GetProperty("results")[0].GetProperty("product_id").GetInt64(), json.GetProperty("results")[0].GetProperty("product_id").GetInt64());
        Assert.Equal(
            created.GetProperty("results")[0].GetProperty("variant_ids").EnumerateArray().Select(v => v.GetInt64()),
            json.GetProperty("results")[0].GetProperty("variant_ids").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(2, json.GetProperty("results")[0].GetProperty("variant_ids").GetArrayLength());
        Assert.Equal(before, await Sql.ScalarAsync<string>(hub.ConnectionString,
            "SELECT string_agg(p.xmin::text || '/' || v.xmin::text, ',' ORDER BY v.sku) FROM products p JOIN variants v ON v.product_id = p.id WHERE p.catalog = $1", $"store:{store}"));
        Assert.Equal(events, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM outbox_events WHERE catalog = $1", $"store:{store}"));
    }

    [Fact]
    public async Task TheSameEntryAfterAnotherWriteIsJudgedAgainstTheProductAsItIsNow()
    {
        // The same entry again is unchanged from the product row alone only while its own write is the latest one.
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = hub.Client();
        var entry = new { handle = "priced-shirt", title = "Shirt", variants = new[] { new { sku = "PR-1", price = 5m } } };
        await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", entry)]));
        var (_, repriced) = await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("r1", new { sku = "PR-1", store_id = store, price = 7m })]));
        Assert.Equal("updated", repriced.GetProperty("results")[0].GetProperty("action").GetString());

        var (_, again) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", entry)]));
        var (_, thrice) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", entry)]));

        Assert.Equal("updated", again.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal("unchanged", thrice.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal("5.0000|3", await Sql.ScalarAsync<string>(hub.ConnectionString,
            "SELECT v.base_price::text || '|' || p.version FROM products p JOIN variants v ON v.product_id = p.id WHERE p.catalog = $1", $"store:{store}"));
    }

    [Fact]
    public async Task ChangedTitleUpdatesAndKeepsTheStorefrontSyncFields()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = hub.Client();
        var (_, first) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", new { handle = "kept-shirt", title = "Shirt", variants = new[] { new { sku = "K-1", price = 5m } } })]));
        var number = first.GetProperty("results")[0].GetProperty("product_id").GetInt64();
        await Sql.ScalarAsync<int>(hub.ConnectionString, "UPDATE products SET shopify_product_id = 777, sync_status = 'synced', sync_attempts = 2 WHERE number = $1 RETURNING 1", number);

        var (response, json) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p1", new { handle = "kept-shirt", title = "Shirt v2", variants = new[] { new { sku = "K-1", price = 5m } } })]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("updated", json.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(number, json.GetProperty("results")[0].GetProperty("product_id").GetInt64());
        Assert.Equal("Shirt v2|777|synced|2", await Sql.ScalarAsync<string>(hub.ConnectionString,
            "SELECT product_name || '|' || shopify_product_id || '|' || sync_status || '|' || sync_attempts FROM products WHERE number = $1", number));
    }

    [Fact]
    public async Task SomeFailingEntriesAnswer207AndAllFailingAnswer400()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = hub.Client();
        var noVariants = new { title = "Product Without Variants", variants = Array.Empty<object>() };

        var (mixed, mixedJson) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("ok", IngestTestData.Product("Fine", "F-1")), ("bad", noVariants)]));
        var (all, allJson) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("bad", noVariants)]));

        Assert.Equal(HttpStatusCode.MultiStatus, mixed.StatusCode);
        Assert.Equal("completed_with_errors", mixedJson.GetProperty("status").GetString());
        var error = mixedJson.GetProperty("results")[1];
        Assert.Equal("error", error.GetProperty("status").GetString());
        Assert.Equal("validation", error.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal("variants", error.GetProperty("error").GetProperty("field").GetString());
        Assert.False(error.TryGetProperty("action", out _));
        Assert.Equal(HttpStatusCode.BadRequest, all.StatusCode);
        Assert.Equal("All entries failed validation", allJson.GetProperty("error").GetString());
        Assert.Equal("bad", allJson.GetProperty("details")[0].GetProperty("entry_id").GetString());
    }

    [Fact]
    public async Task UnknownOrInactiveStoreFailsEveryEntryWithAResolutionError()
    {
        var inactive = await IngestTestData.CreateStoreAsync(hub.ConnectionString, active: false);
        var client = hub.Client();

        var (unknown, unknownJson) = await client.PostAsync("/api/v1/ingest/products/NO-SUCH-STORE", IngestTestData.Body([("p", IngestTestData.Product("X", "X-1"))]));
        var (off, offJson) = await client.PostAsync($"/api/v1/ingest/products/{inactive}", IngestTestData.Body([("p", IngestTestData.Product("X", "X-1"))]));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("resolution", unknownJson.GetProperty("details")[0].GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, off.StatusCode);
        Assert.Contains("inactive", offJson.GetProperty("details")[0].GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog IN ($1, 'store:NO-SUCH-STORE')", $"store:{inactive}"));
    }

    [Fact]
    public async Task ValidateOnlyAnswersAsIfAppliedAndWritesNoProduct()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);

        var (response, json) = await hub.Client().PostAsync($"/api/v1/ingest/products/{store}",
            IngestTestData.Body([("p", IngestTestData.Product("Dry Run", "D-1"))], options: new { validate_only = true }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("created", json.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog = $1", $"store:{store}"));
    }

    [Fact]
    public async Task ForceSyncLeavesAnOutboxEventForAnUnchangedProduct()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var client = hub.Client();
        await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", IngestTestData.Product("Forced", "FS-1"))]));
        var events = await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM outbox_events WHERE catalog = $1", $"store:{store}");

        var (_, json) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", IngestTestData.Product("Forced", "FS-1"))], options: new { force_sync = true }));

        Assert.Equal("unchanged", json.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(events + 1, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM outbox_events WHERE catalog = $1", $"store:{store}"));
        var jobId = long.Parse(json.GetProperty("job_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var outbox = await client.GetJsonAsync($"/api/v1/admin/import-jobs/{jobId}/outbox");
        Assert.Equal(1, outbox.GetProperty("pagination").GetProperty("total").GetInt32());
        Assert.Equal("product.sync", outbox.GetProperty("outbox_events")[0].GetProperty("sync_operation").GetString());
    }

    [Theory]
    [InlineData("{\"entries\": []}", "entries")]
    [InlineData("{}", "entries")]
    [InlineData("{\"entries\": {}}", "entries")]
    [InlineData("{\"entries\": [{\"data\": {}}]}", "entries[0].entry_id")]
    [InlineData("{\"entries\": [{\"entry_id\": \"a\", \"data\": 3}]}", "entries[0].data")]
    [InlineData("{\"entries\": [{\"entry_id\": \"a\", \"data\": {}}], \"options\": {\"force_sync\": \"yes\"}}", "options.force_sync")]
    [InlineData("{\"entries\": [{\"entry_id\": \"a\", \"data\": {}}], \"idempotency_key\": 5}", "idempotency_key")]
    public async Task EnvelopeViolationsAnswer422NamingTheField(string body, string field)
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var jobs = await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_jobs");

        var (response, json) = await hub.Client().PostAsync($"/api/v1/ingest/products/{store}", JsonNode.Parse(body)!);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Request validation failed", json.GetProperty("error").GetString());
        Assert.Contains(json.GetProperty("validation_errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
        Assert.Equal(jobs, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM ingest_jobs"));
    }

    [Fact]
    public async Task MalformedJsonAnswers400()
    {
        using var response = await hub.Client().PostAsync("/api/v1/ingest/products/9975", new StringContent("{\"entries\": [", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("Malformed JSON", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedDeclaredBodyAnswers413()
    {
        using var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using var response = await hub.Client().PostAsync("/api/v1/ingest/products/9975", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Payload exceeds 10MB limit", JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("error").GetString());
    }
}
