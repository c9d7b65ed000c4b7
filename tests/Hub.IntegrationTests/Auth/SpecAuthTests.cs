using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Auth;

/// <summary>Under <c>/api/v1</c> the 401 and 403 bodies are seed 002's <c>{"error": ...}</c>; elsewhere they stay problem details.</summary>
public class SpecAuthTests(TestHub hub) : IClassFixture<TestHub>
{
    private const string V1Path = "/api/v1/admin/stores";

    private async Task<(string Id, string Key)> CreateKeyAsync(params string[] scopes)
    {
        using var admin = hub.Client();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "spec auth", scopes });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Object, body.ValueKind);
        Assert.Equal(["error"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(error, body.GetProperty("error").GetString());
    }

    private async Task<HttpResponseMessage> GetWithAuthorizationAsync(string path, string? authorization, string? accept = null)
    {
        using var client = hub.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task NoKeyIs401MissingAuthorizationHeader()
    {
        var response = await GetWithAuthorizationAsync(V1Path, null);
        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Missing Authorization header");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ABrowserGets401JsonUnderV1InsteadOfTheSignInRedirect() =>
        await AssertErrorAsync(await GetWithAuthorizationAsync(V1Path, null, "text/html"), HttpStatusCode.Unauthorized, "Missing Authorization header");

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Token abc")]
    [InlineData("Bearer two words")]
    public async Task AHeaderThatIsNotBearerTokenIs401InvalidFormat(string authorization) =>
        await AssertErrorAsync(await GetWithAuthorizationAsync(V1Path, authorization), HttpStatusCode.Unauthorized, "Invalid Authorization header format");

    [Fact]
    public async Task AnUnknownKeyIs401InvalidOrInactive()
    {
        using var client = hub.Client(Api.Auth.ApiKeySecret.Generate());
        await AssertErrorAsync(await client.GetAsync(V1Path), HttpStatusCode.Unauthorized, "Invalid or inactive API key");
    }

    [Fact]
    public async Task ARevokedKeyIs401InvalidOrInactive()
    {
        var (id, key) = await CreateKeyAsync("admin");
        using var client = hub.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(V1Path)).StatusCode);
        using var admin = hub.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}")).StatusCode);

        await AssertErrorAsync(await client.GetAsync(V1Path), HttpStatusCode.Unauthorized, "Invalid or inactive API key");
    }

    [Fact]
    public async Task AKeyWithoutTheScopeIs403NamingIt()
    {
        var (_, key) = await CreateKeyAsync("read", "ingest");
        using var client = hub.Client(key);
        await AssertErrorAsync(await client.GetAsync(V1Path), HttpStatusCode.Forbidden, "API key lacks the 'admin' scope");
    }

    [Fact]
    public async Task TheCookieStillAuthenticatesUnderV1()
    {
        using var client = hub.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, V1Path);
        request.Headers.Add("Cookie", $"auth_token={hub.AdminKey}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task OutsideV1TheAnswersStayProblemDetails()
    {
        var missing = await GetWithAuthorizationAsync("/api/keys", null);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        var format = await GetWithAuthorizationAsync("/api/keys", "Basic dXNlcjpwYXNz");
        Assert.Equal(HttpStatusCode.Unauthorized, format.StatusCode);
        Assert.Equal("application/problem+json", format.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Invalid Authorization header format", (await format.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var (_, key) = await CreateKeyAsync("read");
        using var reader = hub.Client(key);
        var forbidden = await reader.GetAsync("/api/keys");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType?.MediaType);
    }
}
