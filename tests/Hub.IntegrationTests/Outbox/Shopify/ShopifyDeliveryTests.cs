using CatalogHub.IntegrationTests.Ingest;
using CatalogHub.IntegrationTests.Outbox.Delivery;
using CatalogHub.ShopifySimulator;
using CatalogHub.ShopifySimulator.Knobs;

namespace CatalogHub.IntegrationTests.Outbox.Shopify;

/// <summary>A store's changes delivered to the Shopify simulator over its Admin GraphQL API.</summary>
public sealed class ShopifyDeliveryTests(OutboxTestHub hub) : IClassFixture<OutboxTestHub>
{
    [Fact]
    public async Task CreateUpdateInventoryAndPriceReachShopifyUnderTheIdsShopifyGaveAndNeverDuplicate()
    {
        await using var shop = await ShopifySimulatorHost.StartAsync();
        var (store, main, annex) = await hub.StoreWithShopifyAsync(shop);
        var target = $"store:{store}";

        var number = await hub.IngestProductAsync(store, "Shopify Tee", "ST-S", "ST-M");
        await hub.UntilProcessedAsync(target, 1);
        var created = Assert.Single(shop.Shop.Products());
        Assert.Equal("Shopify Tee", created.Title);
        Assert.Equal("ACTIVE", created.Status);
        Assert.Equal(["ST-M", "ST-S"], created.Variants.Select(v => v.Sku!).Order());
        var stored = await hub.StoredIdsAsync(number);
        Assert.Equal(created.Id, stored.Product);
        foreach (var variant in created.Variants)
        {
            Assert.Equal((variant.Id, variant.InventoryItemId), ((long)stored.Variants[variant.Sku!].Variant!, (long)stored.Variants[variant.Sku!].Item!));
            Assert.Equal(0, shop.Shop.Quantity(variant.InventoryItemId, main));
        }

        using (var client = hub.Client())
        {
            var (response, body) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", new
            {
                title = "Shopify Tee, renamed",
                handle = "shopify-tee",
                vendor = "Acme",
                variants = new[] { new { sku = "ST-S", price = 10m, option1_name = "Size", option1_value = "S0" }, new { sku = "ST-M", price = 11m, option1_name = "Size", option1_value = "S1" } },
            })]));
            Assert.True(response.IsSuccessStatusCode && body.GetProperty("results")[0].GetProperty("product_id").GetInt64() == number, body.ToString());
        }

        await hub.UntilProcessedAsync(target, 2);
        var updated = Assert.Single(shop.Shop.Products());
        Assert.Equal((created.Id, "Shopify Tee, renamed"), (updated.Id, updated.Title));
        Assert.Equal(created.Variants.Select(v => v.Id).Order(), updated.Variants.Select(v => v.Id).Order());

        var small = updated.VariantBySku("ST-S")!;
        await hub.SetInventoryAsync(store, "ST-S", store, 7);
        await hub.UntilProcessedAsync(target, 3);
        Assert.Equal(7, shop.Shop.Quantity(small.InventoryItemId, main));

        // "Annex" is mapped but the item is not stocked there yet: the channel activates it, then sets the quantity.
        await hub.SetInventoryAsync(store, "ST-S", "Annex", 4);
        await hub.UntilProcessedAsync(target, 4);
        Assert.Equal(4, shop.Shop.Quantity(small.InventoryItemId, annex));
        Assert.Equal(7, shop.Shop.Quantity(small.InventoryItemId, main));

        await hub.SetPriceAsync(store, "ST-M", 21.50m);
        await hub.UntilProcessedAsync(target, 5);
        Assert.Equal(21.50m, Assert.Single(shop.Shop.Products()).VariantBySku("ST-M")!.Price);

        Assert.Equal(2, shop.Requests.Executed("productSet"));
        Assert.Equal(1, shop.Requests.Executed("productVariantsBulkUpdate"));
        Assert.Equal(1, shop.Requests.Executed("inventoryActivate"));
        Assert.Equal(0, shop.Requests.Unauthorized);
        var events = await hub.AdminEventsAsync(target);
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task AThrottledShopIsPacedAndEveryProductArrivesWithoutAFailedAttempt()
    {
        await using var shop = await ShopifySimulatorHost.StartAsync(new ShopifySimulatorOptions
        {
            Knobs = new ShopifyKnobs { MaximumAvailable = 40, RestoreRate = 40, MutationCost = 10 },
        });
        var (store, _, _) = await hub.StoreWithShopifyAsync(shop);
        await hub.IngestProductsAsync(store, 30);

        await hub.UntilProcessedAsync($"store:{store}", 30);
        Assert.Equal(30, shop.Shop.Products().Count);
        Assert.True(shop.Requests.Throttled > 0, "the bucket was never exhausted: the test does not exercise pacing");
        var events = await hub.AdminEventsAsync($"store:{store}");
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task ADownShopGetsEveryEventAfterItRecoversAndNoneIsProcessedEarly()
    {
        await using var shop = await ShopifySimulatorHost.StartAsync();
        var (store, _, _) = await hub.StoreWithShopifyAsync(shop);
        var target = $"store:{store}";
        shop.Control.Update(k => k with { Unavailable = true });
        await hub.IngestProductsAsync(store, 5);

        await HubClients.EventuallyAsync(() => Task.FromResult(shop.Requests.Unavailable), n => n >= 3, TimeSpan.FromSeconds(30), "three refused rounds");
        // Claimed by a round that is being refused, or waiting for the next: nothing processed early, nothing failed.
        Assert.Equal(5, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status IN ('pending', 'processing')", target));
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT coalesce(sum(attempts), 0) FROM outbox_events WHERE target = $1", target));

        shop.Control.Update(k => k with { Unavailable = false });
        await hub.UntilProcessedAsync(target, 5);
        Assert.Equal(5, shop.Shop.Products().Count);
    }

    [Fact]
    public async Task UserErrorsFailTheEventAfterMaxAttemptsWithShopifysMessageAndARetryDeliversIt()
    {
        await using var shop = await ShopifySimulatorHost.StartAsync(new ShopifySimulatorOptions
        {
            Knobs = new ShopifyKnobs { RejectSku = "BAD-1", RejectMessage = "SKU is on the blocklist" },
        });
        var (store, _, _) = await hub.StoreWithShopifyAsync(shop);
        var target = $"store:{store}";
        await hub.IngestProductAsync(store, "Refused", "BAD-1");

        await HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == "failed=1", TimeSpan.FromSeconds(60), "the event failed");
        var failed = Assert.Single(await hub.AdminEventsAsync(target, "failed"));
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Contains("SKU is on the blocklist", failed.GetProperty("error_message").GetString());
        Assert.Empty(shop.Shop.Products());

        shop.Control.Update(k => k with { RejectSku = null });
        await hub.SendAsync(HttpMethod.Post, $"/api/v1/admin/outbox/{failed.GetProperty("id").GetInt64()}/retry", null, System.Net.HttpStatusCode.OK);
        await hub.UntilProcessedAsync(target, 1);
        Assert.Equal("BAD-1", Assert.Single(Assert.Single(shop.Shop.Products()).Variants).Sku);
    }

    [Fact]
    public async Task IdsGivenByProductSetAreSavedEvenWhenALaterStepFailsSoTheRetryDoesNotRecreateTheVariant()
    {
        await using var shop = await ShopifySimulatorHost.StartAsync();
        var (store, _, _) = await hub.StoreWithShopifyAsync(shop);
        var target = $"store:{store}";
        var number = await hub.IngestProductAsync(store, "Split Tee", "SP-S", "SP-M");
        await hub.UntilProcessedAsync(target, 1);

        // A new variant makes the next delivery a productSet (which creates it), then the stock of the two known
        // variants is set: that step is refused.
        shop.Control.Update(k => k with { RejectInventory = true, RejectMessage = "Inventory is locked" });
        Assert.Equal(number, await hub.IngestProductAsync(store, "Split Tee", "SP-S", "SP-M", "SP-L"));
        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND attempts >= 1 AND status <> 'processed'", target),
            n => n == 1, TimeSpan.FromSeconds(60), "a refused attempt");
        var first = Assert.Single(shop.Shop.Products()).VariantBySku("SP-L")!;
        var stored = await hub.StoredIdsAsync(number);
        Assert.Equal((first.Id, first.InventoryItemId), ((long)stored.Variants["SP-L"].Variant!, (long)stored.Variants["SP-L"].Item!));
        Assert.Contains("Inventory is locked", Assert.Single(await hub.AdminEventsAsync(target), e => e.GetProperty("status").GetString() != "processed").GetProperty("error_message").GetString());

        shop.Control.Update(k => k with { RejectInventory = false });
        await HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == "processed=2", TimeSpan.FromSeconds(60), "delivered after the refusals");
        var product = Assert.Single(shop.Shop.Products());
        Assert.Equal(["SP-L", "SP-M", "SP-S"], product.Variants.Select(v => v.Sku!).Order());
        Assert.Equal(first.Id, product.VariantBySku("SP-L")!.Id);
    }
}
