using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace CatalogHub.IntegrationTests.Auth;

public class AuthTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<(string Id, string Key)> CreateKeyAsync(params string[] scopes)
    {
        using var admin = hub.Client();
        var response = await admin.PostAsJsonAsync("/api/keys", new { name = $"test {string.Join('+', scopes)}", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetString()!, body.GetProperty("key").GetString()!);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    [Fact]
    public async Task NoKeyIs401WithABearerChallenge()
    {
        using var anonymous = hub.Anonymous();
        var response = await anonymous.GetAsync("/api/keys");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task AnUnknownKeyIs401()
    {
        using var client = hub.Client(Api.Auth.ApiKeySecret.Generate());
        await AssertProblemAsync(await client.GetAsync("/api/keys"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ARevokedKeyStopsWorkingAtOnce()
    {
        var (id, key) = await CreateKeyAsync("admin");
        using var client = hub.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/keys")).StatusCode);

        using var admin = hub.Client();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/keys/{id}")).StatusCode);

        await AssertProblemAsync(await client.GetAsync("/api/keys"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AKeyWithoutTheScopeIs403()
    {
        var (_, key) = await CreateKeyAsync("read", "ingest");
        using var client = hub.Client(key);
        await AssertProblemAsync(await client.GetAsync("/api/keys"), HttpStatusCode.Forbidden);
        await AssertProblemAsync(await client.GetAsync("/api/cluster"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheAuthTokenCookieAuthenticatesLikeTheHeader()
    {
        var (_, key) = await CreateKeyAsync("admin");
        using var client = hub.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/keys");
        request.Headers.Add("Cookie", $"auth_token={key}");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task TheKeyIsShownOnceAndStoredOnlyAsAHash()
    {
        var (id, key) = await CreateKeyAsync("read");
        using var admin = hub.Client();
        var listed = await admin.GetStringAsync("/api/keys");
        Assert.Contains(id, listed);
        Assert.Contains(key[..12], listed);
        Assert.DoesNotContain(key, listed);

        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = db.CreateCommand("SELECT key_hash, prefix, scopes FROM api_keys WHERE id = $1");
        cmd.Parameters.AddWithValue(Guid.Parse(id));
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Api.Auth.ApiKeySecret.Hash(key), reader.GetFieldValue<byte[]>(0));
        Assert.Equal(key[..12], reader.GetString(1));
        Assert.Equal(["read"], reader.GetFieldValue<string[]>(2));
    }

    [Fact]
    public async Task LastUseIsRecorded()
    {
        var (id, key) = await CreateKeyAsync("read", "admin");
        using var client = hub.Client(key);
        await client.GetAsync("/api/keys");
        var keys = await client.GetFromJsonAsync<JsonElement>("/api/keys");
        var mine = keys.EnumerateArray().Single(k => k.GetProperty("id").GetString() == id);
        Assert.Equal(JsonValueKind.String, mine.GetProperty("last_used_at").ValueKind);
    }

    [Fact]
    public async Task AnInvalidKeyRequestIs422AndCreatesNothing()
    {
        using var admin = hub.Client();
        var before = (await admin.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength();

        var response = await admin.PostAsJsonAsync("/api/keys", new { name = "x", scopes = new[] { "root" } });

        var problem = await AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("root", problem.GetProperty("errors").GetProperty("scopes")[0].GetString());
        Assert.Equal(before, (await admin.GetFromJsonAsync<JsonElement>("/api/keys")).GetArrayLength());
    }

    [Fact]
    public async Task RevokingAnUnknownKeyIs404()
    {
        using var admin = hub.Client();
        await AssertProblemAsync(await admin.DeleteAsync($"/api/keys/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }
}
