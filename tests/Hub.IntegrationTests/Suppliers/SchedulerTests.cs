using System.Net;
using CatalogHub.Grains.Suppliers;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>Schedules as Orleans reminders on the supplier grain (periods down to 1 s in this hub).</summary>
public class SchedulerTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    private ISupplierGrain Grain(Guid supplier) => hub.Services.GetRequiredService<IGrainFactory>().GetGrain<ISupplierGrain>(supplier);

    private Task<long> JobsAsync(Guid supplier, string mode) => hub.ScalarAsync<long>(
        "SELECT count(*) FROM sync_jobs WHERE supplier_id = $1 AND discovery_mode = $2", supplier, mode);

    /// <summary>The supplier's schedule reminders as "name=period ms", sorted.</summary>
    private Task<string> RemindersAsync(Guid supplier) => hub.ScalarAsync<string>("""
        SELECT coalesce(string_agg(reminder_name || '=' || period, ',' ORDER BY reminder_name), '')
        FROM orleans_reminder WHERE grain_id LIKE '%' || $1 || '%' AND reminder_name LIKE 'schedule:%'
        """, supplier.ToString("N"));

    [Fact]
    public async Task AScheduleStartsImportsAtItsInterval()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1, delta = new[] { "SKU-000001" } }, schedules: new { delta = "PT1S" });

        await HubClients.EventuallyAsync(() => JobsAsync(supplier, "delta"), n => n >= 2, TimeSpan.FromSeconds(45), "two scheduled delta imports");

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { schedules = (object?)null }, HttpStatusCode.OK);
        Assert.Equal("", await RemindersAsync(supplier));
        Assert.Equal(0L, await JobsAsync(supplier, "full_sellable"));
    }

    [Fact]
    public async Task AScheduleFiringWhileItsModeRunsIsSkipped()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 40, latency_ms = 50 }, concurrency: 1, schedules: new { full_sellable = "PT1H" });
        var running = await hub.ImportAsync(supplier);

        var fired = await Grain(supplier).RunScheduledAsync(DiscoveryMode.FullSellable);

        Assert.Equal(StartImportResult.Conflict(running), fired);
        Assert.Equal(1L, await JobsAsync(supplier, "full_sellable"));
        await hub.FinishedAsync(running);
        var next = await Grain(supplier).RunScheduledAsync(DiscoveryMode.FullSellable);
        Assert.Equal(StartImportOutcome.Started, next.Outcome);
        await hub.SendAsync(HttpMethod.Post, $"/api/sync-jobs/{next.JobId}/cancel", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task RealRemindersNeverStartAJobWhileOneOfThatModeRuns()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 20, latency_ms = 100 }, concurrency: 1, schedules: new { full_sellable = "PT1S" });

        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1 AND status = 'success'", supplier),
            n => n >= 2, TimeSpan.FromSeconds(60), "two scheduled full syncs finished");
        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { schedules = new { full_sellable = (string?)null } }, HttpStatusCode.OK);

        var jobs = (await hub.GetJsonAsync($"/api/suppliers/{supplier}/sync-jobs")).EnumerateArray()
            .Where(j => j.Status() == "success")
            .Select(j => (Start: j.GetProperty("started_at").GetDateTimeOffset(), End: j.GetProperty("completed_at").GetDateTimeOffset()))
            .OrderBy(j => j.Start).ToList();
        for (var i = 1; i < jobs.Count; i++)
        {
            Assert.True(jobs[i].Start >= jobs[i - 1].End, $"job {i} started at {jobs[i].Start:O} before job {i - 1} ended at {jobs[i - 1].End:O}");
        }

        // Each job ran about 2 s with a reminder every second: some firings found the mode busy and were skipped.
        Assert.True(jobs[^1].Start - jobs[0].Start >= TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ChangingOrClearingASchedulesUpdatesItsReminders()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 }, schedules: new { delta = "PT1H", full_sellable = "P1D" });
        Assert.Equal("schedule:delta=3600000,schedule:full_sellable=86400000", await RemindersAsync(supplier));

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { schedules = new { delta = "PT2H" } }, HttpStatusCode.OK);
        Assert.Equal("schedule:delta=7200000,schedule:full_sellable=86400000", await RemindersAsync(supplier));

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { schedules = new { full_sellable = (string?)null } }, HttpStatusCode.OK);
        Assert.Equal("schedule:delta=7200000", await RemindersAsync(supplier));

        await hub.SendAsync(HttpMethod.Delete, $"/api/suppliers/{supplier}", null, HttpStatusCode.OK);
        Assert.Equal("", await RemindersAsync(supplier));

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { active = true }, HttpStatusCode.OK);
        Assert.Equal("schedule:delta=7200000", await RemindersAsync(supplier));

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { adapter = (string?)null }, HttpStatusCode.OK);
        Assert.Equal("", await RemindersAsync(supplier));
    }
}

/// <summary>Hub:Scheduler:Enabled=false.</summary>
public class DisabledSchedulerTests(SchedulerOffTestHub hub) : IClassFixture<SchedulerOffTestHub>
{
    [Fact]
    public async Task WithTheSchedulerDisabledAFiringScheduleStartsNothing()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 1 }, schedules: new { delta = "PT1H" });

        var fired = await hub.Services.GetRequiredService<IGrainFactory>().GetGrain<ISupplierGrain>(supplier).RunScheduledAsync(DiscoveryMode.Delta);

        Assert.Equal(StartImportOutcome.NotScheduled, fired.Outcome);
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1", supplier));
        // Manual imports still work.
        Assert.Equal("success", (await hub.SyncAsync(supplier)).Status());
    }
}
