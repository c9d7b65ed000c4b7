using System.Net;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>The seed's weaknesses, fixed: last-sync times, delta windows, content-based stale flips, discontinued products.</summary>
public class SyncFreshnessTests(SyncTestHub hub) : IClassFixture<SyncTestHub>
{
    private async Task<JsonElement> SupplierAsync(Guid id) => await hub.GetJsonAsync($"/api/suppliers/{id}");

    private static DateTimeOffset Started(JsonElement job) => job.GetProperty("started_at").GetDateTimeOffset();

    [Fact]
    public async Task LastSyncTimesAreTheStartOfTheLastSuccessfulOrPartialJobOfThatMode()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 2, delta = new[] { "SKU-000001" } });
        var full = await hub.SyncAsync(supplier);
        var delta = await hub.SyncAsync(supplier, "delta");

        var after = await SupplierAsync(supplier);
        Assert.Equal(Started(full), after.GetProperty("last_full_sync").GetDateTimeOffset());
        Assert.Equal(Started(delta), after.GetProperty("last_delta_sync").GetDateTimeOffset());
        Assert.True(Started(full) < full.GetProperty("completed_at").GetDateTimeOffset());

        await hub.ScriptAsync(supplier, new { count = 2, discover_fault = "transient" });
        Assert.Equal("failed", (await hub.SyncAsync(supplier)).Status());
        Assert.Equal(Started(full), (await SupplierAsync(supplier)).GetProperty("last_full_sync").GetDateTimeOffset());

        await hub.ScriptAsync(supplier, new { count = 2, faults = new Dictionary<string, string[]> { ["SKU-000002"] = ["rejected"] } });
        var partial = await hub.SyncAsync(supplier);
        Assert.Equal("partial_success", partial.Status());
        Assert.Equal(Started(partial), (await SupplierAsync(supplier)).GetProperty("last_full_sync").GetDateTimeOffset());
    }

    [Fact]
    public async Task ADeltaAsksForChangesSinceThePreviousSyncsStartAndDeduplicatesItsRefs()
    {
        var supplier = await hub.CreateSupplierAsync(new { count = 3, delta = new[] { "SKU-000002", "SKU-000003", "SKU-000002" } });
        var first = await hub.SyncAsync(supplier, "delta");
        var full = await hub.SyncAsync(supplier);
        var second = await hub.SyncAsync(supplier, "delta");
        var third = await hub.SyncAsync(supplier, "delta");

        var asked = TestAdapter.ScriptedLog.For(supplier).Where(c => c.Kind == "discover" && c.Mode == Grains.Suppliers.DiscoveryMode.Delta)
            .Select(c => c.ChangedSince).ToList();
        Assert.Equal([null, Started(full), Started(second)], asked);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("changed_since").ValueKind);
        Assert.Equal(Started(full), second.GetProperty("changed_since").GetDateTimeOffset());
        Assert.Equal((2, 2), (second.Int("total_products"), third.Int("success_count")));
    }

    [Fact]
    public async Task AnUnchangedResyncWritesNothingAndFlipsNoSelectionAChangedProductFlipsOnlyItsOwn()
    {
        var supplier = await hub.CreateSupplierAsync(new { skus = new[] { "A", "B", "C" }, price = 10 });
        await hub.SyncAsync(supplier);
        var ids = await ProductIdsAsync(supplier);
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "shop" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = ids.Values }, HttpStatusCode.OK);
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);
        var events = await EventsAsync(supplier);

        var unchanged = await hub.SyncAsync(supplier);

        Assert.Equal(("success", 3), (unchanged.Status(), unchanged.Int("success_count")));
        Assert.Equal("A=pushed,B=pushed,C=pushed", await SelectionsAsync(customer, ids));
        Assert.Equal(events, await EventsAsync(supplier));
        Assert.Equal(3L, await hub.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1 AND version = 1", $"supplier:{supplier}"));

        await hub.ScriptAsync(supplier, new { skus = new[] { "A", "B", "C" }, price = 10, prices = new Dictionary<string, decimal> { ["B"] = 12.5m } });
        await hub.SyncAsync(supplier);

        Assert.Equal("A=pushed,B=stale,C=pushed", await SelectionsAsync(customer, ids));
        Assert.Equal(events + 1, await EventsAsync(supplier));
    }

    [Fact]
    public async Task ACompleteFullSyncDiscontinuesWhatItDidNotSeeAndAReturningProductIsReinstated()
    {
        var supplier = await hub.CreateSupplierAsync(new { skus = new[] { "A", "B", "C" } });
        await hub.SyncAsync(supplier);
        var c = (await ProductIdsAsync(supplier))["C"];

        await hub.ScriptAsync(supplier, new { skus = new[] { "A", "B" }, delta = new[] { "A" } });
        await hub.SyncAsync(supplier, "delta");
        await hub.SyncAsync(supplier, "first_n", limit: 1);
        Assert.Equal("", await DiscontinuedAsync(supplier));

        await hub.SyncAsync(supplier);
        Assert.Equal("C", await DiscontinuedAsync(supplier));
        Assert.Equal(2, await hub.ScalarAsync<int>("SELECT version FROM products WHERE id = $1", c));
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE aggregate_id = $1 AND event_type = 'product.discontinued' AND aggregate_version = 2", c));
        var listed = await hub.GetJsonAsync($"/api/products?supplier_id={supplier}&discontinued=true");
        Assert.Equal([c], listed.EnumerateArray().Select(p => p.GetProperty("id").GetGuid()));

        await hub.ScriptAsync(supplier, new { skus = new[] { "A", "B" }, discover_fault = "transient" });
        await hub.SyncAsync(supplier);
        await hub.ScriptAsync(supplier, new { skus = new[] { "B" }, faults = new Dictionary<string, string[]> { ["B"] = ["rejected"] } });
        Assert.Equal("failed", (await hub.SyncAsync(supplier)).Status());
        Assert.Equal("C", await DiscontinuedAsync(supplier));

        await hub.ScriptAsync(supplier, new { skus = new[] { "A", "B", "C" } });
        await hub.SyncAsync(supplier);
        Assert.Equal("", await DiscontinuedAsync(supplier));
        Assert.Equal(1L, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE aggregate_id = $1 AND event_type = 'product.reinstated'", c));
        Assert.Equal(3L, await hub.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1", $"supplier:{supplier}"));
    }

    private async Task<Dictionary<string, Guid>> ProductIdsAsync(Guid supplier)
    {
        var list = await hub.GetJsonAsync($"/api/products?supplier_id={supplier}");
        return list.EnumerateArray().ToDictionary(p => p.GetProperty("supplier_sku").GetString()!, p => p.GetProperty("id").GetGuid());
    }

    private Task<string> DiscontinuedAsync(Guid supplier) => hub.ScalarAsync<string>(
        "SELECT coalesce(string_agg(key, ',' ORDER BY key), '') FROM products WHERE catalog = $1 AND discontinued_at IS NOT NULL", $"supplier:{supplier}");

    private Task<long> EventsAsync(Guid supplier) => hub.ScalarAsync<long>(
        "SELECT count(*) FROM outbox_events WHERE catalog = $1", $"supplier:{supplier}");

    private Task<string> SelectionsAsync(Guid customer, Dictionary<string, Guid> ids) => hub.ScalarAsync<string>("""
        SELECT string_agg(p.key || '=' || cs.status, ',' ORDER BY p.key)
        FROM customer_selections cs JOIN products p ON p.id = cs.product_id WHERE cs.customer_id = $1 AND cs.product_id = ANY($2)
        """, customer, ids.Values.ToArray());
}
