using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>POST /api/suppliers/{id}/import: every status code of seed 000 and this hub.</summary>
public class ImportStatusTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    [Fact]
    public async Task AnImportIs202WithAPendingJobWhoseRowExistsAlready()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 3 });
        using var client = hub.Client();
        using var response = await client.PostAsJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var job = body.GetProperty("sync_job_id").GetGuid();
        Assert.Equal("pending", body.GetProperty("status").GetString());
        Assert.Equal($"/api/sync-jobs/{job}", response.Headers.Location?.OriginalString);
        Assert.Equal("import:full_sellable", await hub.ScalarAsync<string>("SELECT job_type FROM sync_jobs WHERE id = $1", job));
        Assert.Equal("success", (await hub.FinishedAsync(job)).Status());
    }

    [Fact]
    public async Task ImportOfSameModeWhileRunningReturns409WithTheRunningJobAndOtherModesStillStart()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 30, latency_ms = 100, delta = new[] { "SKU-000001" } }, concurrency: 1);
        var running = await hub.ImportAsync(supplier);

        using var second = await hub.PostAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
        var problem = await CatalogTestData.AssertProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(running, problem.GetProperty("sync_job_id").GetGuid());
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1 AND discovery_mode = 'full_sellable'", supplier));

        var delta = await hub.ImportAsync(supplier, "delta");
        Assert.NotEqual(running, delta);
        await hub.SendAsync(HttpMethod.Post, $"/api/sync-jobs/{running}/cancel", null, HttpStatusCode.OK);

        // Once the job ended, the mode is free again.
        Assert.NotEqual(running, await hub.ImportAsync(supplier));
    }

    [Fact]
    public async Task ASupplierWithoutAdapterGets409AndNoJob()
    {
        var supplier = (await hub.SendAsync(HttpMethod.Post, "/api/suppliers", new { name = "Manual" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

        using var response = await hub.PostAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });

        var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("no adapter", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1", supplier));
    }

    [Fact]
    public async Task ADeactivatedSupplierGets409AndNoJob()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        await hub.SendAsync(HttpMethod.Delete, $"/api/suppliers/{supplier}", null, HttpStatusCode.OK);

        using var response = await hub.PostAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });

        await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1", supplier));
    }

    public static TheoryData<string, string> Invalid => new()
    {
        { """{"mode":"everything"}""", "mode" },
        { """{}""", "mode" },
        { """{"mode":"first_n"}""", "limit" },
        { """{"mode":"first_n","limit":0}""", "limit" },
        { """{"mode":"first_n","limit":-3}""", "limit" },
        { """{"mode":"explicit_list"}""", "explicit_list" },
        { """{"mode":"explicit_list","explicit_list":[]}""", "explicit_list" },
        { """{"mode":"explicit_list","explicit_list":["A"," "]}""", "explicit_list" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task AnInvalidImportIs422NamingTheFieldAndCreatesNoJob(string body, string field)
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        using var client = hub.Client();
        using var response = await client.PostAsync($"/api/suppliers/{supplier}/import", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem}");
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1", supplier));
    }

    [Fact]
    public async Task AnImportWithoutBodyIs422()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        using var client = hub.Client();
        using var response = await client.PostAsync($"/api/suppliers/{supplier}/import", null);
        await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task FirstNAndExplicitListDiscoverWhatTheyAskFor()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 10 });

        var firstN = await hub.SyncAsync(supplier, "first_n", limit: 3);
        var explicitList = await hub.SyncAsync(supplier, "explicit_list", list: ["SKU-000009", "SKU-000002", "SKU-000009"]);

        Assert.Equal(3, firstN.Int("total_products"));
        Assert.Equal(3, firstN.GetProperty("limit").GetInt32());
        Assert.Equal(2, explicitList.Int("total_products"));
        Assert.Equal(["SKU-000001", "SKU-000002", "SKU-000003", "SKU-000009"], await KeysAsync(supplier));
    }

    private async Task<string[]> KeysAsync(Guid supplier) => (await hub.ScalarAsync<string>(
        "SELECT string_agg(key, ',' ORDER BY key) FROM products WHERE catalog = $1", $"supplier:{supplier}")).Split(',');
}
