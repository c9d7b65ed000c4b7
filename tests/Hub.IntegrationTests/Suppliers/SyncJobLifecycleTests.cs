using System.Net;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>A job's lifecycle (seed 000): counters and errors for mixed outcomes, retries, auth aborts, registry errors, limits.</summary>
public class SyncJobLifecycleTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    [Fact]
    public async Task MixedOutcomesArePartialSuccessWithEveryFailureCountedAndRecorded()
    {
        var supplier = await hub.CreateSupplierAsync(new
        {
            skus = new[] { "OK", "REJECTED", "FLAKY3", "FLAKY2", "BUG", "INVALID", "PRICING" },
            faults = new Dictionary<string, string[]>
            {
                ["REJECTED"] = ["rejected"],
                ["FLAKY3"] = ["transient", "transient", "transient"],
                ["FLAKY2"] = ["transient", "transient"],
                ["BUG"] = ["error"],
                ["INVALID"] = ["invalid"],
                ["PRICING"] = ["partial"],
            },
        });

        var job = await hub.SyncAsync(supplier);

        Assert.Equal("partial_success", job.Status());
        Assert.Equal((7, 2, 5, 2, 7), (job.Int("total_products"), job.Int("success_count"), job.Int("failed_count"), job.Int("records_processed"), job.Int("processed")));
        Assert.Equal(100.0, job.GetProperty("progress_percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("eta_seconds").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, job.GetProperty("completed_at").ValueKind);
        Assert.Equal(
            [("hydrate", "BUG", "unexpected"), ("hydrate", "FLAKY3", "timeout"), ("persist", "INVALID", "invalid_product"), ("hydrate", "PRICING", "pricing"), ("hydrate", "REJECTED", "not_found")],
            job.ErrorList().OrderBy(e => e.Ref, StringComparer.Ordinal).Select(e => (e.Phase, e.Ref, e.Code)).ToList());
        Assert.Equal("FLAKY2,OK", await hub.ScalarAsync<string>(
            "SELECT string_agg(key, ',' ORDER BY key) FROM products WHERE catalog = $1 AND supplier_id = $2", $"supplier:{supplier}", supplier));
        Assert.Equal(3, SyncTestData.Hydrations(supplier).Count(c => c.Sku == "FLAKY3"));
    }

    [Fact]
    public async Task APricingFailureNeverOverwritesGoodData()
    {
        var supplier = await hub.CreateSupplierAsync(new { skus = new[] { "TEE" }, price = 10 });
        await hub.SyncAsync(supplier);

        await hub.ScriptAsync(supplier, new { skus = new[] { "TEE" }, price = 99, faults = new Dictionary<string, string[]> { ["TEE"] = ["partial"] } });
        var job = await hub.SyncAsync(supplier);

        Assert.Equal("failed", job.Status());
        Assert.Equal([("hydrate", (string?)"TEE", (string?)"pricing")], job.ErrorList());
        Assert.Equal(10m, await hub.ScalarAsync<decimal>("SELECT price_max FROM products WHERE catalog = $1", $"supplier:{supplier}"));
    }

    [Fact]
    public async Task TransientFailuresAreRetriedTwiceAfterTheConfiguredBackOffInOrder()
    {
        var supplier = await hub.CreateSupplierAsync(new { skus = new[] { "FLAKY" }, faults = new Dictionary<string, string[]> { ["FLAKY"] = ["transient", "transient", "ok"] } });

        Assert.Equal("success", (await hub.SyncAsync(supplier)).Status());

        var calls = SyncTestData.Hydrations(supplier);
        Assert.Equal([1, 2, 3], calls.Select(c => c.Attempt));
        var first = calls[1].At - calls[0].At;
        var second = calls[2].At - calls[1].At;
        // Timers may fire a few milliseconds early against the wall clock the adapter stamps calls with.
        var slack = TimeSpan.FromMilliseconds(5);
        Assert.True(first >= SyncTestHub.FirstRetry - slack, $"first retry after {first.TotalMilliseconds} ms");
        Assert.True(second >= SyncTestHub.SecondRetry - slack, $"second retry after {second.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task AnAuthErrorMidLoopAbortsTheJobAtOnce()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 50, faults = new Dictionary<string, string[]> { ["SKU-000010"] = ["auth"] } }, concurrency: 1);

        var job = await hub.SyncAsync(supplier);

        Assert.Equal("failed", job.Status());
        Assert.Equal([("hydrate", (string?)"SKU-000010", (string?)"auth")], job.ErrorList());
        Assert.Equal(9, job.Int("success_count"));
        Assert.Equal(10, SyncTestData.Hydrations(supplier).Count);
        Assert.Equal(9L, await hub.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1", $"supplier:{supplier}"));
    }

    [Fact]
    public async Task DiscoveryFailuresFailTheJobWithADiscoverError()
    {
        var auth = await hub.CreateSupplierAsync(new { count = 5, discover_fault = "auth" });
        var transient = await hub.CreateSupplierAsync(new { count = 5, discover_fault = "transient" });

        var authJob = await hub.SyncAsync(auth);
        var transientJob = await hub.SyncAsync(transient);

        Assert.Equal(("failed", 0), (authJob.Status(), authJob.Int("total_products")));
        Assert.Equal([("discover", (string?)null, (string?)"auth")], authJob.ErrorList());
        Assert.Equal([("discover", (string?)null, (string?)"timeout")], transientJob.ErrorList());
        Assert.Empty(SyncTestData.Hydrations(auth));
    }

    [Fact]
    public async Task AModeTheAdapterDoesNotImplementFailsWithARegistryError()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 5, modes = new[] { "full_sellable" } });

        var job = await hub.SyncAsync(supplier, "closeouts");

        Assert.Equal("failed", job.Status());
        Assert.Equal([("registry", (string?)null, (string?)"mode_not_supported")], job.ErrorList());
    }

    [Fact]
    public async Task AllSucceededIsSuccessAndNothingDiscoveredIsSuccessToo()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 4 });

        var full = await hub.SyncAsync(supplier);
        var emptyDelta = await hub.SyncAsync(supplier, "delta");

        Assert.Equal(("success", 4, 0), (full.Status(), full.Int("success_count"), full.Int("failed_count")));
        Assert.Empty(full.ErrorList());
        Assert.Equal(("success", 0), (emptyDelta.Status(), emptyDelta.Int("total_products")));
        Assert.Equal(4L, await hub.ScalarAsync<long>(
            "SELECT count(*) FROM products WHERE catalog = $1 AND supplier_sku = key AND last_synced IS NOT NULL", $"supplier:{supplier}"));
        Assert.Equal(4L, await hub.ScalarAsync<long>(
            "SELECT count(*) FROM outbox_events WHERE catalog = $1 AND source_kind = 'sync' AND source_ref = $2", $"supplier:{supplier}", full.GetProperty("id").GetGuid().ToString()));
    }

    [Fact]
    public async Task HydrationNeverRunsMoreThanTheConcurrencyAtOnce()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 24, latency_ms = 40 }, concurrency: 3);

        Assert.Equal("success", (await hub.SyncAsync(supplier)).Status());

        Assert.Equal(3, TestAdapter.ScriptedLog.MaxInFlight(supplier));
    }

    [Fact]
    public async Task RequestsToTheSupplierNeverExceedItsRateLimit()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 14 }, concurrency: 8, rate: 5);

        Assert.Equal("success", (await hub.SyncAsync(supplier)).Status());

        // Discovery and 14 hydrations at 5 per second: no window of a second holds more than 5 (100 ms slack for the
        // adapter's own timestamps).
        var times = TestAdapter.ScriptedLog.For(supplier).Select(c => c.At).Order().ToList();
        Assert.Equal(15, times.Count);
        for (var i = 0; i + 5 < times.Count; i++)
        {
            Assert.True(times[i + 5] - times[i] >= TimeSpan.FromMilliseconds(900), $"6 requests within {(times[i + 5] - times[i]).TotalMilliseconds} ms");
        }
    }

    [Fact]
    public async Task ARunningJobShowsItsProgressAndEta()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 60, latency_ms = 50 }, concurrency: 1);
        var job = await hub.ImportAsync(supplier);

        var running = await HubClients.EventuallyAsync(
            () => hub.JobAsync(job), j => j.Status() == "running" && j.Int("processed") >= 3, SyncTestData.JobDeadline, "the job made progress");

        Assert.Equal(60, running.Int("total_products"));
        Assert.InRange(running.GetProperty("progress_percent").GetDouble(), 1, 99);
        Assert.True(running.GetProperty("eta_seconds").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, running.GetProperty("completed_at").ValueKind);
        await hub.SendAsync(HttpMethod.Post, $"/api/sync-jobs/{job}/cancel", null, HttpStatusCode.OK);
    }
}
