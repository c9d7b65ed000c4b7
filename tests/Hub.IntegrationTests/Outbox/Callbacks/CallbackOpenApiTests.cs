using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Outbox.Callbacks;

/// <summary>The OpenAPI document names callback_url on every endpoint that starts a job, and the keys' callback endpoints.</summary>
public sealed class CallbackOpenApiTests(CallbackTestHub hub) : IClassFixture<CallbackTestHub>
{
    [Theory]
    [InlineData("/api/suppliers/{id}/import", "post")]
    [InlineData("/api/sync-jobs/{id}/retry", "post")]
    [InlineData("/api/v1/ingest/products/{store_number}", "post")]
    [InlineData("/api/v1/ingest/pos/{store_number}", "post")]
    [InlineData("/api/v1/ingest/inventory/{store_number}", "post")]
    [InlineData("/api/v1/ingest/prices", "post")]
    [InlineData("/api/v1/catalogs/{catalog}/imports", "post")]
    public async Task JobStartsDocumentTheCallbackUrlQueryParameter(string path, string method)
    {
        using var client = hub.Anonymous();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        var parameter = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "callback_url");
        Assert.Equal("query", parameter.GetProperty("in").GetString());
        Assert.Contains("callback secret", parameter.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeysCallbackEndpointsAreDocumented()
    {
        using var client = hub.Anonymous();
        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        var callback = paths.GetProperty("/api/keys/{id}/callback");
        Assert.Contains("callback_secret", callback.GetProperty("put").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(callback.TryGetProperty("delete", out _));
    }
}
