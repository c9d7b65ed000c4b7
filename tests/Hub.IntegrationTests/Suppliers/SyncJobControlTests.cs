using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>Cancel, retry and seed 001's PATCH of sync jobs.</summary>
public class SyncJobControlTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    private Task<JsonElement> RunningAsync(Guid job, int processed = 3) => HubClients.EventuallyAsync(
        () => hub.JobAsync(job), j => j.Status() == "running" && j.Int("processed") >= processed, SyncTestData.JobDeadline, "the job is under way");

    [Fact]
    public async Task CancelStopsTheJobKeepsWhatItStoredAndEndsFailedWithACancelledError()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 200, latency_ms = 30 }, concurrency: 2);
        var job = await hub.ImportAsync(supplier);
        await RunningAsync(job, processed: 5);

        var cancelled = await hub.SendAsync(HttpMethod.Post, $"/api/sync-jobs/{job}/cancel", null, HttpStatusCode.OK);

        Assert.Equal("failed", cancelled.Status());
        Assert.Contains(cancelled.ErrorList(), e => e.Code == "cancelled");
        Assert.NotEqual(JsonValueKind.Null, cancelled.GetProperty("completed_at").ValueKind);
        var stored = await hub.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1", $"supplier:{supplier}");
        Assert.Equal(cancelled.Int("success_count"), (int)stored);
        Assert.InRange(stored, 5, 199);
        var hydrations = SyncTestData.Hydrations(supplier).Count;
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE id = $1 AND status = 'running'", job));
        Assert.Equal(hydrations, SyncTestData.Hydrations(supplier).Count);
    }

    [Fact]
    public async Task CancellingAFinishedJobIs409AndAnUnknownJob404()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        var job = (await hub.SyncAsync(supplier)).GetProperty("id").GetGuid();
        using var client = hub.Client();

        await CatalogTestData.AssertProblemAsync(await client.PostAsync($"/api/sync-jobs/{job}/cancel", null), HttpStatusCode.Conflict);
        await CatalogTestData.AssertProblemAsync(await client.PostAsync($"/api/sync-jobs/{Guid.NewGuid()}/cancel", null), HttpStatusCode.NotFound);
        await CatalogTestData.AssertProblemAsync(await client.GetAsync($"/api/sync-jobs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal("success", (await hub.JobAsync(job)).Status());
    }

    [Fact]
    public async Task RetryCreatesANewPendingJobOfTheSameTypeAndSupplierAndLeavesTheOriginal()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 10, faults = new Dictionary<string, string[]> { ["SKU-000004"] = ["rejected"] } });
        var original = await hub.SyncAsync(supplier, "first_n", limit: 5);

        using var client = hub.Client();
        using var response = await client.PostAsync($"/api/sync-jobs/{original.GetProperty("id").GetGuid()}/retry", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var retry = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = retry.GetProperty("id").GetGuid();
        Assert.NotEqual(original.GetProperty("id").GetGuid(), id);
        Assert.Equal($"/api/sync-jobs/{id}", response.Headers.Location?.OriginalString);
        Assert.Contains(retry.Status(), new[] { "pending", "running" });
        Assert.Equal(("import:first_n", supplier, 5), (retry.GetProperty("job_type").GetString(), retry.GetProperty("supplier_id").GetGuid(), retry.GetProperty("limit").GetInt32()));
        var finished = await hub.FinishedAsync(id);
        Assert.Equal(("partial_success", 5), (finished.Status(), finished.Int("total_products")));
        Assert.Equal(original.GetRawText(), (await hub.JobAsync(original.GetProperty("id").GetGuid())).GetRawText());
    }

    [Fact]
    public async Task RetryWhileThatModeIsActiveIs409()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 100, latency_ms = 50 }, concurrency: 1);
        var first = (await hub.SyncAsync(supplier, "explicit_list", list: ["A"])).GetProperty("id").GetGuid();
        // 200 refs at 50 ms each, one at a time: still running (10 s) however slowly the requests below are served.
        var running = await hub.ImportAsync(supplier, "explicit_list", list: [.. Enumerable.Range(0, 200).Select(i => $"R{i}")]);

        using var response = await hub.PostAsync($"/api/sync-jobs/{first}/retry", null);

        var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(running, problem.GetProperty("sync_job_id").GetGuid());
        await hub.SendAsync(HttpMethod.Post, $"/api/sync-jobs/{running}/cancel", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task MarkingARunningJobFailedCancelsIt()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 200, latency_ms = 30 }, concurrency: 2);
        var job = await hub.ImportAsync(supplier);
        await RunningAsync(job);

        var patched = await hub.SendAsync(HttpMethod.Patch, $"/api/sync-jobs/{job}?status=failed&error_log=stuck", null, HttpStatusCode.OK);

        Assert.Equal("failed", patched.Status());
        Assert.Equal("stuck", patched.GetProperty("error_log").GetString());
        Assert.Contains(patched.ErrorList(), e => e.Code == "cancelled");
        // The mode is free: a new import starts.
        await hub.ImportAsync(supplier, "first_n", limit: 1);
        Assert.NotEqual(job, await hub.ImportAsync(supplier));
    }

    [Fact]
    public async Task PatchChangesAFinishedJobAndRefusesWhatDoesNotApply()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 2 });
        var job = (await hub.SyncAsync(supplier)).GetProperty("id").GetGuid();

        var patched = await hub.SendAsync(HttpMethod.Patch, $"/api/sync-jobs/{job}",
            new { status = "partial_success", records_processed = 1, completed_at = "2026-05-07T01:43:22Z" }, HttpStatusCode.OK);

        Assert.Equal(("partial_success", 1), (patched.Status(), patched.Int("records_processed")));
        Assert.Equal(new DateTimeOffset(2026, 5, 7, 1, 43, 22, TimeSpan.Zero), patched.GetProperty("completed_at").GetDateTimeOffset());
        using var client = hub.Client();
        foreach (var (query, field) in new[] { ("status=running", "status"), ("records_processed=-1", "records_processed"), ("completed_at=yesterday", "completed_at"), ("", "status") })
        {
            var problem = await CatalogTestData.AssertProblemAsync(await client.PatchAsync($"/api/sync-jobs/{job}?{query}", null), HttpStatusCode.UnprocessableEntity);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {problem}");
        }

        await CatalogTestData.AssertProblemAsync(await client.PatchAsync($"/api/sync-jobs/{Guid.NewGuid()}?status=failed", null), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnActiveJobCanOnlyBeMarkedFailed()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 200, latency_ms = 30 }, concurrency: 2);
        var job = await hub.ImportAsync(supplier);
        await RunningAsync(job);
        using var client = hub.Client();

        await CatalogTestData.AssertProblemAsync(await client.PatchAsync($"/api/sync-jobs/{job}?status=success", null), HttpStatusCode.Conflict);
        await CatalogTestData.AssertProblemAsync(await client.PatchAsync($"/api/sync-jobs/{job}?records_processed=5", null), HttpStatusCode.Conflict);
        Assert.Equal("running", (await hub.JobAsync(job)).Status());
        await hub.SendAsync(HttpMethod.Post, $"/api/sync-jobs/{job}/cancel", null, HttpStatusCode.OK);
    }
}
