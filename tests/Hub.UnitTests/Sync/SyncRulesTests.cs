using System.Text.Json;
using CatalogHub.Api.SyncJobs;
using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Suppliers;
using CatalogHub.Grains.SyncJobs;

namespace CatalogHub.UnitTests.Sync;

public class SyncRulesTests
{
    [Theory]
    [InlineData(5, 0, false, "success")]
    [InlineData(0, 0, false, "success")]
    [InlineData(4, 1, false, "partial_success")]
    [InlineData(0, 3, false, "failed")]
    [InlineData(5, 0, true, "failed")]
    public void TheStatusFollowsTheCounts(int succeeded, int failed, bool aborted, string status) =>
        Assert.Equal(status, SyncOutcome.Decide(succeeded, failed, aborted));

    [Fact]
    public void OnlyACompleteNonFailedFullSyncThatFoundProductsDiscontinues()
    {
        Assert.True(SyncOutcome.SawWholeCatalog(DiscoveryMode.FullSellable, "partial_success", 10));
        Assert.False(SyncOutcome.SawWholeCatalog(DiscoveryMode.FullSellable, "failed", 10));
        Assert.False(SyncOutcome.SawWholeCatalog(DiscoveryMode.FullSellable, "success", 0));
        Assert.False(SyncOutcome.SawWholeCatalog(DiscoveryMode.Delta, "success", 10));
    }

    [Fact]
    public void DiscoveredRefsAreDeduplicatedBySkuInOrderAndCutForFirstN()
    {
        ProductRef[] refs = [new("B"), new("A", "p1"), new("B", "p2"), new(" "), new("C")];

        Assert.Equal([new("B"), new("A", "p1"), new("C")], DiscoveredRefs.Normalize(refs, DiscoveryMode.Delta, null));
        Assert.Equal([new("B"), new("A", "p1")], DiscoveredRefs.Normalize(refs, DiscoveryMode.FirstN, 2));
    }

    [Fact]
    public void ErrorsCarryTheAdaptersCodeOrTheirKind()
    {
        Assert.Equal(new SyncError("hydrate", "X", "auth", "no"), SyncError.From("hydrate", "X", new SupplierAuthException("no")));
        Assert.Equal(new SyncError("hydrate", "X", "503", "busy"), SyncError.From("hydrate", "X", new SupplierTransientException("busy", "503")));
        Assert.Equal("rejected", SyncError.From("hydrate", "X", new SupplierRejectedException("gone")).Code);
        Assert.Equal("invalid_product", SyncError.From("persist", "X", new ArgumentException("bad")).Code);
        Assert.Equal(new SyncError("hydrate", "X", "unexpected", "InvalidOperationException: boom"), SyncError.From("hydrate", "X", new InvalidOperationException("boom")));
        Assert.Equal(SyncError.MaxMessage + 1, SyncError.From("discover", null, new SupplierRejectedException(new string('x', 2000))).Msg.Length);
        Assert.Equal("""{"phase":"hydrate","ref":null,"code":"cancelled","msg":"stop"}""", SyncError.Cancelled("stop").ToJson());
    }

    [Fact]
    public void TheRateLimitHandsOutItsWholeSecondAtOnceAndThenWaits()
    {
        Assert.Null(SupplierRateLimit.Create(null));
        using var five = SupplierRateLimit.Create(5m)!;
        Assert.Equal(5, Enumerable.Range(0, 6).Count(_ => five.TryAcquire()));
        using var fraction = SupplierRateLimit.Create(2.5m)!;
        Assert.Equal(2, Enumerable.Range(0, 3).Count(_ => fraction.TryAcquire()));
        using var slow = SupplierRateLimit.Create(0.5m)!;
        Assert.Equal(1, Enumerable.Range(0, 2).Count(_ => slow.TryAcquire()));
    }

    [Fact]
    public void ProgressCountsBothOutcomesAndEstimatesFromTheRateSinceHydrationStarted()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal((50, 25.0, (int?)30), SyncJobRules.Progress("running", 200, 40, 10, start, 0, start.AddSeconds(10)));
        Assert.Equal((50, 25.0, (int?)15), SyncJobRules.Progress("running", 200, 40, 10, start, 25, start.AddSeconds(2.5)));
        Assert.Equal((0, 0.0, (int?)null), SyncJobRules.Progress("running", 200, 0, 0, start, 0, start.AddSeconds(10)));
        Assert.Equal((200, 100.0, (int?)null), SyncJobRules.Progress("success", 200, 200, 0, start, 0, start.AddSeconds(10)));
        Assert.Equal((0, 100.0, (int?)null), SyncJobRules.Progress("success", 0, 0, 0, null, 0, start));
    }

    [Fact]
    public void ListFiltersAreValidated()
    {
        Assert.Equal(new SyncJobFilter(null, null, null, 100), SyncJobRules.ParseList(new SyncJobListParameters()).Filter);
        var id = Guid.NewGuid();
        Assert.Equal(new SyncJobFilter("failed", "import:delta", id, 5),
            SyncJobRules.ParseList(new SyncJobListParameters { Status = "failed", JobType = "import:delta", SupplierId = id.ToString(), Limit = "5" }).Filter);
        Assert.Equal(["limit", "status", "supplier_id"],
            SyncJobRules.ParseList(new SyncJobListParameters { Status = "ok", SupplierId = "1", Limit = "-1" }).Errors.Keys.Order());
    }

    [Fact]
    public void PatchesTakeQueryOrBodyAndOnlyTerminalStatuses()
    {
        var (fromQuery, _) = SyncJobRules.ParsePatch(new SyncJobPatchParameters { Status = "failed", CompletedAt = "2026-01-01T02:00:00+02:00" }, null);
        Assert.Equal(new SyncJobPatch("failed", null, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), fromQuery);
        Assert.Equal(TimeSpan.Zero, fromQuery!.CompletedAt!.Value.Offset);

        var body = new SyncJobPatchBody("success", JsonDocument.Parse("7").RootElement, "log", null);
        Assert.Equal(new SyncJobPatch("success", 7, "log", null), SyncJobRules.ParsePatch(new SyncJobPatchParameters(), body).Patch);

        Assert.Contains("status", SyncJobRules.ParsePatch(new SyncJobPatchParameters { Status = "running" }, null).Errors.Keys);
        Assert.Contains("records_processed", SyncJobRules.ParsePatch(new SyncJobPatchParameters { RecordsProcessed = "1.5" }, null).Errors.Keys);
        Assert.Contains("status", SyncJobRules.ParsePatch(new SyncJobPatchParameters(), null).Errors.Keys);
    }
}
