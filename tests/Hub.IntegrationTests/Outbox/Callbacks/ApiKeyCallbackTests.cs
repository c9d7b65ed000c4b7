using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Outbox.Callbacks;

/// <summary>A key's callback settings: validated, the secret encrypted and never shown, changed and removed.</summary>
public sealed class ApiKeyCallbackTests(CallbackTestHub hub) : IClassFixture<CallbackTestHub>
{
    private async Task<string> TextAsync(HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var admin = hub.Client();
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private async Task<JsonElement> ListedAsync(Guid id) =>
        (await hub.GetJsonAsync("/api/keys")).EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task TheSecretIsStoredEncryptedAndNeverReturned()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        var stored = await hub.ScalarAsync<string>("SELECT callback_secret FROM api_keys WHERE id = $1", key.Id);
        Assert.DoesNotContain(CallbackTestHub.Secret, stored, StringComparison.Ordinal);

        var listed = await ListedAsync(key.Id);
        Assert.Equal("set", listed.GetProperty("callback_secret").GetString());
        Assert.Equal(hub.Receiver.Url(key.Path).ToString(), listed.GetProperty("callback_url").GetString());
        Assert.DoesNotContain(CallbackTestHub.Secret, await TextAsync(HttpMethod.Get, "/api/keys", null, HttpStatusCode.OK), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutSetsTheUrlAndSecretAndDeleteRemovesBoth()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false, withSecret: false);
        Assert.Equal(JsonValueKind.Null, (await ListedAsync(key.Id)).GetProperty("callback_secret").ValueKind);

        var newSecret = "another-callback-secret-42";
        var put = await TextAsync(HttpMethod.Put, $"/api/keys/{key.Id}/callback",
            new { callback_url = "https://example.com/hooks/jobs", callback_secret = newSecret }, HttpStatusCode.OK);
        Assert.DoesNotContain(newSecret, put, StringComparison.Ordinal);
        var updated = JsonDocument.Parse(put).RootElement;
        Assert.Equal("https://example.com/hooks/jobs", updated.GetProperty("callback_url").GetString());
        Assert.Equal("set", updated.GetProperty("callback_secret").GetString());

        // The URL alone may change once a secret is stored; the secret stays.
        await TextAsync(HttpMethod.Put, $"/api/keys/{key.Id}/callback", new { callback_url = "https://example.com/other" }, HttpStatusCode.OK);
        Assert.Equal("set", (await ListedAsync(key.Id)).GetProperty("callback_secret").GetString());

        await TextAsync(HttpMethod.Delete, $"/api/keys/{key.Id}/callback", null, HttpStatusCode.NoContent);
        var cleared = await ListedAsync(key.Id);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("callback_url").ValueKind);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("callback_secret").ValueKind);
        await TextAsync(HttpMethod.Delete, $"/api/keys/{Guid.NewGuid()}/callback", null, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadUrlsAndShortSecretsAre422ProblemsNamingTheField()
    {
        using var admin = hub.Client();
        using (var response = await admin.PostAsJsonAsync("/api/keys", new { name = "bad", scopes = new[] { "read" }, callback_url = "ftp://example.com/x", callback_secret = "short" }))
        {
            var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("http or https", problem.Errors("callback_url"), StringComparison.Ordinal);
            Assert.Contains("16", problem.Errors("callback_secret"), StringComparison.Ordinal);
            Assert.DoesNotContain("short", problem.GetRawText(), StringComparison.Ordinal);
        }

        using (var response = await admin.PostAsJsonAsync("/api/keys", new { name = "no secret", scopes = new[] { "read" }, callback_url = "https://example.com/x" }))
        {
            var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("required", problem.Errors("callback_secret"), StringComparison.Ordinal);
        }

        using var key = await hub.CallbackKeyAsync(withDefault: false, withSecret: false);
        using (var response = await admin.PutAsJsonAsync($"/api/keys/{key.Id}/callback", new { callback_url = "relative/path" }))
        {
            var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("absolute", problem.Errors("callback_url"), StringComparison.Ordinal);
            Assert.Contains("required", problem.Errors("callback_secret"), StringComparison.Ordinal);
        }

        using (var response = await admin.PutAsJsonAsync($"/api/keys/{Guid.NewGuid()}/callback", new { callback_secret = CallbackTestHub.Secret }))
        {
            await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }
}
