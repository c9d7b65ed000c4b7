using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Http;

public class HttpBasicsTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task HealthReportsPostgresAndTheSiloAnonymously()
    {
        using var client = hub.Anonymous();
        var health = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("postgres").GetProperty("status").GetString());
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("silo").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AliveAnswersAnonymously()
    {
        using var client = hub.Anonymous();
        var alive = await client.GetFromJsonAsync<JsonElement>("/alive");
        Assert.Equal("healthy", alive.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocumentIs31AndDescribesTheEndpoints()
    {
        using var client = hub.Anonymous();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/keys", out _));
        Assert.True(paths.TryGetProperty("/api/keys/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/cluster/probes/{key}", out _));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("bearer", out _));
    }

    [Fact]
    public async Task TheApiReferenceIsServedAtDocs()
    {
        using var client = hub.Anonymous();
        var response = await client.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Catalog Hub API</title>", html);
        Assert.Contains("openapi/v1.json", html);
    }

    [Fact]
    public async Task AValueOrBodyThatDoesNotBindIs400NamingTheProblem()
    {
        // Found by the reliability suite: binding failures were a bare {"title":"Bad Request"} with nothing to go on.
        using var client = hub.Client();
        var query = await client.GetAsync($"/api/customers/{Guid.NewGuid()}/selections?limit=abc");
        Assert.Equal(HttpStatusCode.BadRequest, query.StatusCode);
        Assert.Equal("application/problem+json", query.Content.Headers.ContentType?.MediaType);
        Assert.Contains("limit", (await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var body = await client.PostAsync("/api/categories", new StringContent("{\"name\":\"x\",\"parent_id\":{}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, body.StatusCode);
        Assert.Contains("parent_id", (await body.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var truncated = await client.PostAsync("/api/suppliers", new StringContent("{", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, truncated.StatusCode);
        Assert.Contains("JSON", (await truncated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyOverTheLimitIs413NamingTheLimit()
    {
        // Found by the reliability suite once ordinary endpoints took 1 MiB: the binder's 413 had no detail.
        using var client = hub.Client();
        var json = "{\"name\":\"" + new string('x', 2 << 20) + "\"}";
        var response = await client.PostAsync("/api/customers", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1048576 bytes", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AJsonBodyThatIsNotUtf8Is400Not500()
    {
        // Found by the reliability suite: System.Text.Json's "Cannot transcode invalid UTF-8" escaped as a 500.
        using var client = hub.Client();
        byte[] Body(string field) => [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\"a"), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")];
        var problem = await client.PostAsync("/api/suppliers", new ByteArrayContent(Body("name")) { Headers = { { "Content-Type", "application/json" } } });
        Assert.Equal(HttpStatusCode.BadRequest, problem.StatusCode);
        Assert.Contains("UTF-8", (await problem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Under /api/v1 in the ingestion contract's shape.
        var ingest = await client.PostAsync("/api/v1/ingest/products/0001", new ByteArrayContent(Body("idempotency_key")) { Headers = { { "Content-Type", "application/json" } } });
        Assert.Equal(HttpStatusCode.BadRequest, ingest.StatusCode);
        Assert.Contains("UTF-8", (await ingest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AnUnknownRouteIs404ProblemDetails()
    {
        using var client = hub.Client();
        var response = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task MalformedJsonIs400ProblemDetailsAndWritesNothing()
    {
        using var client = hub.Client();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength();
        var response = await client.PostAsync("/api/keys", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength());
    }

    [Fact]
    public async Task TheDashboardNeedsAnAdminKey()
    {
        using var anonymous = hub.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard/")).StatusCode);
        using var admin = hub.Client();
        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AProbeGrainCountsAcrossCalls()
    {
        using var client = hub.Client();
        var key = Guid.NewGuid().ToString("N");
        var first = await (await client.PostAsync($"/api/cluster/probes/{key}", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await client.PostAsync($"/api/cluster/probes/{key}", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, first.GetProperty("count").GetInt64());
        Assert.Equal(2, second.GetProperty("count").GetInt64());
        Assert.Equal(first.GetProperty("activation_id").GetString(), second.GetProperty("activation_id").GetString());
    }

    [Fact]
    public async Task TextWithANulCharacterIs400AndWritesNothing()
    {
        using var client = hub.Client();
        var before = (await client.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength();
        var response = await client.PostAsJsonAsync("/api/keys", new { name = "a\u0000b", scopes = new[] { "read" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/products?brand=a%00b")).StatusCode);
    }
}
