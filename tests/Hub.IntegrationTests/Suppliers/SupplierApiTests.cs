using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.TestAdapter;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>/api/suppliers: create, read, change, deactivate; validation; credentials encrypted and never shown.</summary>
public class SupplierApiTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    private const string Secret = "s3cret-token-7f1e";

    [Fact]
    public async Task ASupplierIsCreatedReadChangedAndDeactivatedWithoutItsCredentialsEverShowing()
    {
        using var client = hub.Client();
        var create = await client.PostAsJsonAsync("/api/suppliers", new
        {
            name = "SanMar",
            adapter = "scripted",
            adapter_config = new { count = 2, credentials = new { token = Secret } },
            hydrate_concurrency = 4,
            max_requests_per_second = 12.5,
            schedules = new { delta = "PT6H", full_sellable = "P7D" },
        });
        var text = await create.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        var created = JsonDocument.Parse(text).RootElement;
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/suppliers/{id}", create.Headers.Location?.OriginalString);
        Assert.Equal("set", created.GetProperty("adapter_config").GetProperty("credentials").GetString());
        Assert.Equal(2, created.GetProperty("adapter_config").GetProperty("count").GetInt32());
        Assert.Equal(4, created.GetProperty("hydrate_concurrency").GetInt32());
        Assert.Equal(12.5m, created.GetProperty("max_requests_per_second").GetDecimal());
        Assert.Equal("PT6H", created.GetProperty("schedules").GetProperty("delta").GetString());
        Assert.True(created.GetProperty("active").GetBoolean());

        var stored = await hub.ScalarAsync<string>("SELECT credentials FROM suppliers WHERE id = $1", id);
        Assert.DoesNotContain(Secret, stored, StringComparison.Ordinal);
        Assert.DoesNotContain("token", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, await (await client.GetAsync($"/api/suppliers/{id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains((await hub.GetJsonAsync("/api/suppliers")).EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);

        var renamed = await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{id}", new { name = "SanMar Corp", schedules = new { delta = (string?)null } }, HttpStatusCode.OK);
        Assert.Equal("SanMar Corp", renamed.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, renamed.GetProperty("schedules").GetProperty("delta").ValueKind);
        Assert.Equal("P7D", renamed.GetProperty("schedules").GetProperty("full_sellable").GetString());
        Assert.Equal("set", renamed.GetProperty("adapter_config").GetProperty("credentials").GetString());
        Assert.Equal(stored, await hub.ScalarAsync<string>("SELECT credentials FROM suppliers WHERE id = $1", id));

        var removed = await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{id}", new { adapter_config = new { count = 2, credentials = (object?)null } }, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, removed.GetProperty("adapter_config").GetProperty("credentials").ValueKind);

        var deactivated = await hub.SendAsync(HttpMethod.Delete, $"/api/suppliers/{id}", null, HttpStatusCode.OK);
        Assert.False(deactivated.GetProperty("active").GetBoolean());
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM suppliers WHERE id = $1", id));
    }

    [Fact]
    public async Task TheAdapterDecryptsTheCredentialsOnAnySyncAndAWrongTokenFailsDiscoveryWithAuth()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 2, require_token = Secret, credentials = new { token = Secret } });
        Assert.Equal("success", (await hub.SyncAsync(supplier)).Status());

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}",
            new { adapter_config = new { count = 2, require_token = Secret, credentials = new { token = "wrong" } } }, HttpStatusCode.OK);
        var refused = await hub.SyncAsync(supplier);

        Assert.Equal("failed", refused.Status());
        Assert.Equal([("discover", (string?)null, (string?)"auth")], refused.ErrorList());
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"name":"x","adapter":"nope"}""", "adapter" },
        { """{"name":"x","adapter":"scripted","schedules":{"delta":"every day"}}""", "schedules.delta" },
        { """{"name":"x","adapter":"scripted","schedules":{"full_sellable":"P1M"}}""", "schedules.full_sellable" },
        { """{"name":"x","adapter":"scripted","schedules":{"delta":"PT0.5S"}}""", "schedules.delta" },
        { """{"name":"x","hydrate_concurrency":0}""", "hydrate_concurrency" },
        { """{"name":"x","hydrate_concurrency":65}""", "hydrate_concurrency" },
        { """{"name":"x","hydrate_concurrency":"eight"}""", "hydrate_concurrency" },
        { """{"name":"x","max_requests_per_second":0}""", "max_requests_per_second" },
        { """{"name":"x","adapter":"scripted","adapter_config":{"count":-1}}""", "adapter_config.count" },
        { """{"name":"x","adapter":"scripted","adapter_config":{"colour":"red"}}""", "adapter_config.colour" },
        { """{"name":"x","adapter_config":{"credentials":[1]}}""", "adapter_config.credentials" },
        { """{"name":"  "}""", "name" },
        { """{"adapter":"scripted"}""", "name" },
        { """{"name":"x","nmae":"y"}""", "nmae" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task AnInvalidSupplierIs422NamingTheFieldAndNothingIsStored(string body, string field)
    {
        var before = await hub.ScalarAsync<long>("SELECT count(*) FROM suppliers");
        using var client = hub.Client();
        using var response = await client.PostAsync("/api/suppliers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(before, await hub.ScalarAsync<long>("SELECT count(*) FROM suppliers"));
    }

    [Fact]
    public async Task AnInvalidChangeIs422AndLeavesTheSupplierAsItWas()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        using var client = hub.Client();
        using var response = await client.PatchAsJsonAsync($"/api/suppliers/{supplier}", new { name = "ok", adapter_config = new { latency_ms = -5 } });

        var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("latency_ms", problem.Errors("adapter_config.latency_ms"), StringComparison.Ordinal);
        Assert.StartsWith("Scripted", (await hub.GetJsonAsync($"/api/suppliers/{supplier}")).GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSupplierIs404Everywhere()
    {
        var id = Guid.NewGuid();
        using var client = hub.Client();
        await CatalogTestData.AssertProblemAsync(await client.GetAsync($"/api/suppliers/{id}"), HttpStatusCode.NotFound);
        await CatalogTestData.AssertProblemAsync(await client.PatchAsJsonAsync($"/api/suppliers/{id}", new { name = "x" }), HttpStatusCode.NotFound);
        await CatalogTestData.AssertProblemAsync(await client.DeleteAsync($"/api/suppliers/{id}"), HttpStatusCode.NotFound);
        await CatalogTestData.AssertProblemAsync(await client.PostAsJsonAsync($"/api/suppliers/{id}/import", new { mode = "delta" }), HttpStatusCode.NotFound);
        await CatalogTestData.AssertProblemAsync(await client.GetAsync($"/api/suppliers/{id}/sync-jobs"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReadKeysReadAndAdminKeysWrite()
    {
        var reader = await hub.CreateKeyAsync("read");
        using var client = hub.Client(reader);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/suppliers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/sync-jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/suppliers", new { name = "x" })).StatusCode);
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "delta" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Anonymous().GetAsync("/api/suppliers")).StatusCode);
    }

    [Fact]
    public void SupplierChangesNeverPrintCredentials()
    {
        var changes = new Grains.Suppliers.SupplierChanges
        {
            Credentials = Grains.Suppliers.Change.To<IReadOnlyDictionary<string, string>?>(new Dictionary<string, string> { ["token"] = Secret }),
        };
        Assert.DoesNotContain(Secret, changes.ToString(), StringComparison.Ordinal);
        Assert.Equal(ScriptedAdapterFactory.AdapterName, new ScriptedAdapterFactory().Name);
    }
}
