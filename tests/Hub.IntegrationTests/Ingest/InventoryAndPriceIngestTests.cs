using System.Net;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

public class InventoryAndPriceIngestTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<string> StoreWithProductsAsync(params (string Handle, string Sku, decimal Price, string? ChildStore)[] products)
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString, null, true, ("Main Warehouse", true), ("Closed", false));
        var entries = products.Select(p => (p.Handle, (object)new
        {
            handle = p.Handle,
            title = p.Handle,
            metafields = p.ChildStore is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["merchandising.child_store"] = p.ChildStore },
            variants = new[] { new { sku = p.Sku, price = p.Price } },
        }));
        var (response, _) = await hub.Client().PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body(entries));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return store;
    }

    private Task<string> VariantAsync(string store, string handle, string columns) => Sql.ScalarAsync<string>(hub.ConnectionString,
        $"SELECT {columns} FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1 AND p.key = $2", $"store:{store}", handle);

    [Fact]
    public async Task InitialSetsAvailableAndDeltasInOneRequestApplyInOrder()
    {
        var store = await StoreWithProductsAsync(("inv-a", "INV-A", 5m, null));
        var client = hub.Client();

        var (initial, _) = await client.PostAsync($"/api/v1/ingest/inventory/{store}", IngestTestData.Body(
            [("i1", new { sku = "INV-A", store, location_name = "Main Warehouse", on_hand = 100, on_order = 50 })], options: new { mode = "initial" }));
        var (delta, deltaJson) = await client.PostAsync($"/api/v1/ingest/inventory/{store}", IngestTestData.Body(
            [("d1", new { sku = "INV-A", store, location_name = "Main Warehouse", on_hand = 5 }),
             ("d2", new { sku = "INV-A", store, location_name = "Main Warehouse", on_hand = -2.9 }),
             ("d3", new { sku = "INV-A", store, on_hand = 7 })]));

        Assert.Equal(HttpStatusCode.OK, initial.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delta.StatusCode);
        Assert.All(deltaJson.GetProperty("results").EnumerateArray(), r => Assert.Equal("updated", r.GetProperty("action").GetString()));
        // 100 + 5 - 2 (truncated) at Main Warehouse, 7 at the store's default location; incoming 50.
        Assert.Equal("110|50", await VariantAsync(store, "inv-a", "v.inventory || '|' || v.incoming"));
    }

    [Fact]
    public async Task FiftyConcurrentDeltaRequestsToOneProductAreEveryOneApplied()
    {
        // Regression (bench/Faults races): calls queued behind the product grain's deactivation were rejected
        // after two forwards and answered "The product could not be written: unexpected error".
        var store = await StoreWithProductsAsync(("hot", "HOT-1", 5m, null));
        var client = hub.Client();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.PostAsync($"/api/v1/ingest/inventory/{store}",
            IngestTestData.Body([($"d{i}", new { sku = "HOT-1", store, on_hand = i % 3 + 1 })]))));

        Assert.All(answers, a => Assert.True(a.Response.StatusCode == HttpStatusCode.OK, a.Body.ToString()));
        Assert.Equal(Enumerable.Range(0, 50).Sum(i => i % 3 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            await VariantAsync(store, "hot", "v.inventory::text"));
    }

    [Fact]
    public async Task DuplicateSkusUpdateEveryMatchingVariantAndChildStoreRoutes()
    {
        var store = await StoreWithProductsAsync(("dup-1", "DUP", 5m, "2299"), ("dup-2", "DUP", 5m, "2300"));
        var client = hub.Client();

        var (all, allJson) = await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("p1", new { sku = "DUP", store_id = store, price = 9.5m })]));
        var (routed, _) = await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("p2", new { sku = "DUP", store_id = store, child_store = "2300", price = 7m })]));

        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(2, allJson.GetProperty("results")[0].GetProperty("variant_ids").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, routed.StatusCode);
        Assert.Equal("9.5", await VariantAsync(store, "dup-1", "trim_scale(v.base_price)::text"));
        Assert.Equal("7", await VariantAsync(store, "dup-2", "trim_scale(v.base_price)::text"));
    }

    [Fact]
    public async Task SaleFromRegularKeepsTheOldPriceAsCompareAtAndRegularClearsIt()
    {
        var store = await StoreWithProductsAsync(("sale", "SALE-1", 44.99m, null));
        var client = hub.Client();

        await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("s", new { sku = "SALE-1", store_id = store, price = 34.99m, price_type = "S" })]));
        var onSale = await VariantAsync(store, "sale", "trim_scale(v.base_price) || '|' || trim_scale(v.compare_at_price) || '|' || (v.metafields ->> 'custom.sale_flag')");
        await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("r", new { sku = "SALE-1", store_id = store, price = 44.99m, price_type = "R" })]));
        var regular = await VariantAsync(store, "sale", "trim_scale(v.base_price) || '|' || coalesce(v.compare_at_price::text, 'null') || '|' || (v.metafields ->> 'custom.sale_flag')");
        var (same, sameJson) = await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("r2", new { sku = "SALE-1", store_id = store, price = 44.995m, price_type = "R" })]));

        Assert.Equal("34.99|44.99|True", onSale);
        Assert.Equal("44.99|null|False", regular);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal("unchanged", sameJson.GetProperty("results")[0].GetProperty("action").GetString());
        Assert.Equal(3L, await Sql.ScalarAsync<long>(hub.ConnectionString,
            "SELECT jsonb_array_length(v.data -> 'price_history')::bigint FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1", $"store:{store}"));
    }

    [Fact]
    public async Task UnknownSkuInactiveLocationAndNegativePriceAreEntryErrors()
    {
        var store = await StoreWithProductsAsync(("err", "ERR-1", 5m, null));
        var client = hub.Client();

        var (inventory, inventoryJson) = await client.PostAsync($"/api/v1/ingest/inventory/{store}", IngestTestData.Body(
            [("unknown", new { sku = "NOPE", store, on_hand = 1 }), ("closed", new { sku = "ERR-1", store, location_name = "Closed", on_hand = 1 }), ("ok", new { sku = "ERR-1", store, on_hand = 1 })]));
        var (prices, pricesJson) = await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("neg", new { sku = "ERR-1", store_id = store, price = -1m })]));

        Assert.Equal(HttpStatusCode.MultiStatus, inventory.StatusCode);
        var results = inventoryJson.GetProperty("results");
        Assert.Equal(("resolution", "sku"), (results[0].GetProperty("error").GetProperty("type").GetString(), results[0].GetProperty("error").GetProperty("field").GetString()));
        Assert.Equal(("resolution", "location_name"), (results[1].GetProperty("error").GetProperty("type").GetString(), results[1].GetProperty("error").GetProperty("field").GetString()));
        Assert.Equal("success", results[2].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, prices.StatusCode);
        Assert.Equal("validation", pricesJson.GetProperty("details")[0].GetProperty("type").GetString());
        Assert.Equal("1", await VariantAsync(store, "err", "v.inventory::text"));
    }
}
