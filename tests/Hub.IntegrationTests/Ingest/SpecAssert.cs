using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CatalogHub.IntegrationTests.Ingest;

public static class SpecAssert
{
    /// <summary>
    /// Asserts that <paramref name="response"/> has <paramref name="expected"/> status, that its operation (found
    /// from the request's method and path) documents that status, and that the body is JSON valid against the
    /// schema the spec declares for it. Returns the body.
    /// </summary>
    public static async Task<JsonElement> MatchesSpecAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var request = response.RequestMessage!;
        var path = request.RequestUri!.AbsolutePath;
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{request.Method} {request.RequestUri.PathAndQuery} → {(int)response.StatusCode}";
        Assert.True(response.StatusCode == expected, $"{what}, expected {(int)expected}: {body}");
        var operation = OpenApiSpec.ShopifyBridge.FindOperationId(request.Method.Method, path);
        Assert.True(operation is not null, $"{what}: the spec has no operation for this path.");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{what}: content type {response.Content.Headers.ContentType}, the spec says application/json.");
        var errors = OpenApiSpec.ShopifyBridge.ValidateResponse(operation, (int)response.StatusCode, body);
        Assert.True(errors.Count == 0, $"{what} does not match {operation}'s {(int)response.StatusCode} response in the spec:\n{string.Join("\n", errors)}\nbody: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>
    /// For an answer the spec does not list for its operation: asserts <paramref name="expected"/> status, JSON, and a
    /// body valid against the component schema <paramref name="schema"/>. Returns the body.
    /// </summary>
    public static async Task<JsonElement> MatchesSchemaAsync(this HttpResponseMessage response, HttpStatusCode expected, string schema)
    {
        var request = response.RequestMessage!;
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{request.Method} {request.RequestUri!.PathAndQuery} → {(int)response.StatusCode}";
        Assert.True(response.StatusCode == expected, $"{what}, expected {(int)expected}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"{what}: content type {response.Content.Headers.ContentType}.");
        var errors = OpenApiSpec.ShopifyBridge.ValidateSchema(schema, body);
        Assert.True(errors.Count == 0, $"{what} is not a {schema}:\n{string.Join("\n", errors)}\nbody: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }

    /// <summary>GET <paramref name="path"/>, expecting 200 valid per the spec.</summary>
    public static async Task<JsonElement> GetSpecAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.MatchesSpecAsync(HttpStatusCode.OK);
    }

    /// <summary>POST a JSON body given as text (the spec's examples verbatim, or deliberately broken JSON).</summary>
    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>POST a JSON body.</summary>
    public static Task<HttpResponseMessage> PostBodyAsync(this HttpClient client, string path, JsonNode body) =>
        client.PostRawAsync(path, body.ToJsonString());

    /// <summary>Every query surface of a job, each answer validated: status, results (all, errors, a page), errors, and the admin views.</summary>
    public static async Task JobViewsMatchSpecAsync(this HttpClient client, string jobId)
    {
        var status = await client.GetSpecAsync($"/api/v1/jobs/{jobId}");
        var total = status.GetProperty("summary").GetProperty("total").GetInt32();
        var errorCount = status.GetProperty("summary").GetProperty("errors").GetInt32();
        var results = await client.GetSpecAsync($"/api/v1/jobs/{jobId}/results");
        Assert.Equal(total, results.GetProperty("total_results").GetInt32());
        Assert.Equal(errorCount, (await client.GetSpecAsync($"/api/v1/jobs/{jobId}/results?status=error")).GetProperty("total_results").GetInt32());
        await client.GetSpecAsync($"/api/v1/jobs/{jobId}/results?status=success&limit=1&offset=1");
        Assert.Equal(errorCount, (await client.GetSpecAsync($"/api/v1/jobs/{jobId}/errors")).GetProperty("total_errors").GetInt32());

        var job = (await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}")).GetProperty("import_job");
        Assert.Equal((jobId, "api"), (job.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), job.GetProperty("source").GetString()));
        Assert.Equal(total, (await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}/results")).GetProperty("pagination").GetProperty("total").GetInt32());
        await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}/results?limit=1&offset=1");
        await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}/outbox");
        await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}/outbox?status=pending,processing,failed&limit=5");
        Assert.Equal(errorCount, (await client.GetSpecAsync($"/api/v1/admin/import-jobs/{jobId}/errors")).GetProperty("errors").GetArrayLength());
    }
}
