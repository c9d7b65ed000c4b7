using System.Net;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>Seed 001's listing: GET /api/sync-jobs with filters and GET /api/suppliers/{id}/sync-jobs, from the table.</summary>
public class SyncJobListTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    private static readonly string[] SeedFields =
    [
        "id", "supplier_id", "supplier_name", "job_type", "status", "discovery_mode", "total_products", "success_count",
        "failed_count", "records_processed", "errors", "started_at", "completed_at", "processed", "progress_percent", "eta_seconds",
    ];

    [Fact]
    public async Task JobsAreListedNewestFirstAndFilteredByStatusTypeAndSupplier()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 3, discover_fault = (string?)null });
        var other = await hub.CreateSupplierAsync(new { count = 1 });
        var full = (await hub.SyncAsync(supplier)).GetProperty("id").GetGuid();
        var firstN = (await hub.SyncAsync(supplier, "first_n", limit: 1)).GetProperty("id").GetGuid();
        await hub.ScriptAsync(supplier, new { count = 3, discover_fault = "rejected" });
        var failed = (await hub.SyncAsync(supplier, "delta")).GetProperty("id").GetGuid();
        await hub.SyncAsync(other);

        Assert.Equal([failed, firstN, full], await IdsAsync($"/api/sync-jobs?supplier_id={supplier}"));
        Assert.Equal([failed], await IdsAsync($"/api/sync-jobs?supplier_id={supplier}&status=failed"));
        Assert.Equal([firstN], await IdsAsync($"/api/sync-jobs?supplier_id={supplier}&job_type=import:first_n"));
        Assert.Equal([failed, firstN], await IdsAsync($"/api/sync-jobs?supplier_id={supplier}&limit=2"));
        Assert.Equal([failed, firstN, full], await IdsAsync($"/api/suppliers/{supplier}/sync-jobs"));
        var all = await hub.GetJsonAsync("/api/sync-jobs");
        Assert.Contains(all.EnumerateArray(), j => j.GetProperty("supplier_id").GetGuid() == other);
        var starts = all.EnumerateArray().Select(j => j.GetProperty("started_at").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);

        var job = await hub.JobAsync(full);
        foreach (var field in SeedFields)
        {
            Assert.True(job.TryGetProperty(field, out _), $"missing {field}");
        }

        Assert.Equal(("import:full_sellable", "full_sellable"), (job.GetProperty("job_type").GetString(), job.GetProperty("discovery_mode").GetString()));
        Assert.StartsWith("Scripted", job.GetProperty("supplier_name").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("supplier_id=42", "supplier_id")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("limit=1001", "limit")]
    public async Task ABadFilterIs422NamingIt(string query, string field)
    {
        using var client = hub.Client();
        var problem = await CatalogTestData.AssertProblemAsync(await client.GetAsync($"/api/sync-jobs?{query}"), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ASuppliersJobsAreItsFiftyMostRecentAndTheListDefaultsToAHundred()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        await hub.ScalarAsync<int>("""
            WITH x AS (
                INSERT INTO sync_jobs (id, supplier_id, supplier_name, job_type, status, discovery_mode, started_at, completed_at)
                SELECT gen_random_uuid(), $1, 'bulk', 'import:delta', 'success', 'delta',
                       now() - make_interval(mins => i), now() - make_interval(mins => i)
                FROM generate_series(1, 120) AS i
                RETURNING 1)
            SELECT count(*)::int FROM x
            """, supplier);

        var recent = await hub.GetJsonAsync($"/api/suppliers/{supplier}/sync-jobs");
        var all = await hub.GetJsonAsync($"/api/sync-jobs?supplier_id={supplier}");

        Assert.Equal(50, recent.GetArrayLength());
        Assert.Equal(100, all.GetArrayLength());
        var newest = await hub.ScalarAsync<DateTime>("SELECT max(started_at) FROM sync_jobs WHERE supplier_id = $1", supplier);
        Assert.Equal(new DateTimeOffset(newest, TimeSpan.Zero), recent[0].GetProperty("started_at").GetDateTimeOffset());
    }

    private async Task<List<Guid>> IdsAsync(string path) =>
        [.. (await hub.GetJsonAsync(path)).EnumerateArray().Select(j => j.GetProperty("id").GetGuid())];
}
