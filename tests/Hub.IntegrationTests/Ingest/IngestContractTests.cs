using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

/// <summary>
/// Issue 8: the ingest endpoints answer per seed 002's spec — the spec's request examples, 207, 400, 422, 413 and
/// 202 — each answer validated against the schema the spec declares for its operation and status
/// (<see cref="SpecAssert"/>), and the views of each job they create too.
/// </summary>
public class IngestContractTests(ContractHub hub) : IClassFixture<ContractHub>
{
    private static OpenApiSpec Spec => OpenApiSpec.ShopifyBridge;

    /// <summary>An ingest endpoint, a request that fails as an entry on it, and one that succeeds.</summary>
    public static TheoryData<string, string, string> Endpoints() => new()
    {
        { "/api/v1/ingest/products/9975", """{"title":"Product Without Variants","variants":[]}""", """{"title":"Contract Product","variants":[{"sku":"CT-P-1","price":5}]}""" },
        { "/api/v1/ingest/pos/9975", """{"title":"No SKU"}""", """{"sku":"000000777","title":"Contract POS","price":1.5}""" },
        { "/api/v1/ingest/inventory/STORE-101", """{"sku":"NO-SUCH-SKU","store":"STORE-101","on_hand":1}""", """{"sku":"CBS-S-BLU","store":"STORE-101","on_hand":0}""" },
        { "/api/v1/ingest/prices", """{"sku":"CBS-S-BLU","store_id":"STORE-101","price":-1}""", """{"sku":"CBS-M-BLU","store_id":"STORE-101","price":39.99,"price_type":"R"}""" },
    };

    [Theory]
    [InlineData("ingestProducts", "minimalProduct", "/api/v1/ingest/products/9975")]
    [InlineData("ingestProducts", "multiVariantProduct", "/api/v1/ingest/products/9975")]
    [InlineData("ingestPOS", "posUpdate", "/api/v1/ingest/pos/9975")]
    [InlineData("ingestInventory", "initialSet", "/api/v1/ingest/inventory/STORE-101")]
    [InlineData("ingestInventory", "deltaUpdate", "/api/v1/ingest/inventory/STORE-101")]
    [InlineData("ingestPrices", "regularPrice", "/api/v1/ingest/prices")]
    [InlineData("ingestPrices", "salePrice", "/api/v1/ingest/prices")]
    public async Task TheSpecsRequestExamplesAnswer200(string operationId, string example, string path)
    {
        await hub.SeededAsync();
        var client = hub.Client();
        var body = Spec.RequestExample(operationId, example).ToString(Newtonsoft.Json.Formatting.None);

        using var response = await client.PostRawAsync(path, body);

        var json = await response.MatchesSpecAsync(HttpStatusCode.OK);
        Assert.Equal("completed", json.GetProperty("status").GetString());
        var entries = JsonNode.Parse(body)!["entries"]!.AsArray().Select(e => (string)e!["entry_id"]!).ToArray();
        Assert.Equal(entries, json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("entry_id").GetString()!).ToArray());
        Assert.All(json.GetProperty("results").EnumerateArray(), r => Assert.Equal("success", r.GetProperty("status").GetString()));
        await client.JobViewsMatchSpecAsync(json.GetProperty("job_id").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task SomeFailingEntriesAnswer207(string path, string failing, string succeeding)
    {
        await hub.SeededAsync();
        var client = hub.Client();

        using var response = await client.PostRawAsync(path, $$"""{"entries":[{"entry_id":"ok","data":{{succeeding}}},{"entry_id":"bad","data":{{failing}}}]}""");

        var json = await response.MatchesSpecAsync(HttpStatusCode.MultiStatus);
        Assert.Equal("completed_with_errors", json.GetProperty("status").GetString());
        Assert.Equal(["success", "error"], json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetString()!).ToArray());
        await client.JobViewsMatchSpecAsync(json.GetProperty("job_id").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AllFailingEntriesAnswer400WithTheBadRequestBody(string path, string failing, string succeeding)
    {
        _ = succeeding;
        await hub.SeededAsync();
        var client = hub.Client();

        using var response = await client.PostRawAsync(path, $$"""{"entries":[{"entry_id":"bad-1","data":{{failing}}},{"entry_id":"bad-2","data":{{failing}}}]}""");

        var json = await response.MatchesSpecAsync(HttpStatusCode.BadRequest);
        Assert.Equal("All entries failed validation", json.GetProperty("error").GetString());
        Assert.Equal(["bad-1", "bad-2"], json.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("entry_id").GetString()!).ToArray());
        // The hub adds the job's id to the contract's BadRequest body, so the failed job can be read like any other.
        await client.JobViewsMatchSpecAsync(json.GetProperty("job_id").GetString()!);
    }

    [Theory]
    [InlineData("/api/v1/ingest/products/9975")]
    [InlineData("/api/v1/ingest/pos/9975")]
    [InlineData("/api/v1/ingest/inventory/STORE-101")]
    [InlineData("/api/v1/ingest/prices")]
    public async Task MalformedJsonAnswers400WithTheBadRequestBody(string path)
    {
        using var response = await hub.Client().PostRawAsync(path, """{"entries": [""");

        var json = await response.MatchesSpecAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("Malformed JSON", json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/ingest/products/9975", """{"entries": []}""", "entries")]
    [InlineData("/api/v1/ingest/pos/9975", """{}""", "entries")]
    [InlineData("/api/v1/ingest/inventory/STORE-101", """{"entries": [{"entry_id": "a", "data": {}}], "options": {"mode": "absolute"}}""", "options.mode")]
    [InlineData("/api/v1/ingest/prices", """{"entries": [{"data": {}}]}""", "entries[0].entry_id")]
    public async Task EnvelopeViolationsAnswer422WithTheValidationErrorResponse(string path, string body, string field)
    {
        using var response = await hub.Client().PostRawAsync(path, body);

        var json = await response.MatchesSpecAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Request validation failed", json.GetProperty("error").GetString());
        Assert.Contains(json.GetProperty("validation_errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Theory]
    [InlineData("/api/v1/ingest/products/9975")]
    [InlineData("/api/v1/ingest/pos/9975")]
    [InlineData("/api/v1/ingest/inventory/STORE-101")]
    [InlineData("/api/v1/ingest/prices")]
    public async Task OversizedBodiesAnswer413WithThePayloadTooLargeBody(string path)
    {
        using var content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await hub.Client().PostAsync(path, content);

        var json = await response.MatchesSpecAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Payload exceeds 10MB limit", json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/v1/ingest/products/9975", """{"title":"Async Product {0}","variants":[{"sku":"CT-A-{0}","price":3}]}""")]
    [InlineData("/api/v1/ingest/pos/9975", """{"sku":"{0}","title":"Async POS {0}","price":2}""")]
    [InlineData("/api/v1/ingest/inventory/STORE-101", """{"sku":"CBS-M-BLU","store":"STORE-101","location_name":"Main Warehouse","on_hand":1}""")]
    [InlineData("/api/v1/ingest/prices", """{"sku":"CBS-M-BLU","store_id":"STORE-101","price":{0}.5}""")]
    public async Task MoreThanAHundredEntriesAnswer202AndTheJobsViewsFollowTheSpec(string path, string entry)
    {
        await hub.SeededAsync();
        var client = hub.Client();
        // 101 entries, the 51st without its data's required fields, so the job has results of both kinds.
        var entries = Enumerable.Range(0, 101).Select(i => i == 50
            ? """{"entry_id":"e050","data":{}}"""
            : $$"""{"entry_id":"e{{i:D3}}","data":{{entry.Replace("{0}", (900 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)}}}""");

        using var response = await client.PostRawAsync(path, $$"""{"entries":[{{string.Join(',', entries)}}]}""");

        var accepted = await response.MatchesSpecAsync(HttpStatusCode.Accepted);
        var jobId = accepted.GetProperty("job_id").GetString()!;
        Assert.Equal("pending", accepted.GetProperty("status").GetString());
        Assert.Equal(new Uri(hub.BaseAddress, $"/api/v1/jobs/{jobId}").ToString(), accepted.GetProperty("links").GetProperty("status").GetString());
        Assert.Equal(new Uri(hub.BaseAddress, $"/api/v1/jobs/{jobId}/results").ToString(), accepted.GetProperty("links").GetProperty("results").GetString());
        // Every answer while polling (pending, processing, finished) is a JobStatus.
        var status = await HubClients.EventuallyAsync(
            () => client.GetSpecAsync($"/api/v1/jobs/{jobId}"),
            s => s.GetProperty("status").GetString() is "completed" or "completed_with_errors" or "failed", TimeSpan.FromSeconds(90), "job finished");
        Assert.Equal("completed_with_errors", status.GetProperty("status").GetString());
        Assert.Equal((101, 1), (status.GetProperty("summary").GetProperty("total").GetInt32(), status.GetProperty("summary").GetProperty("errors").GetInt32()));
        await client.JobViewsMatchSpecAsync(jobId);
        var page = await client.GetSpecAsync($"/api/v1/jobs/{jobId}/results?limit=50&offset=50");
        Assert.Equal("e050", page.GetProperty("results")[0].GetProperty("entry_id").GetString());
        Assert.True(page.GetProperty("pagination").GetProperty("has_more").GetBoolean());
        var errors = await client.GetSpecAsync($"/api/v1/jobs/{jobId}/errors");
        Assert.Equal("e050", errors.GetProperty("errors")[0].GetProperty("entry_id").GetString());
        Assert.Equal(JsonValueKind.Object, errors.GetProperty("errors")[0].GetProperty("data").ValueKind);
        // Each outbox event names its product's store, also for a prices job, whose path has none.
        var outbox = (await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}/outbox?limit=1000")).GetProperty("outbox_events");
        Assert.NotEqual(0, outbox.GetArrayLength());
        Assert.All(outbox.EnumerateArray(), e => Assert.Equal(path.Contains(ContractHub.Store, StringComparison.Ordinal) ? ContractHub.Store : ContractHub.ExampleStore, e.GetProperty("store_number").GetString()));
    }
}
