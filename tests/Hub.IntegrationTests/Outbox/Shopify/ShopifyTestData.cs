using System.Net;
using CatalogHub.IntegrationTests.Ingest;
using CatalogHub.IntegrationTests.Outbox.Delivery;
using CatalogHub.ShopifySimulator;

namespace CatalogHub.IntegrationTests.Outbox.Shopify;

/// <summary>Stores delivering to a Shopify simulator, and what the simulator holds.</summary>
public static class ShopifyTestData
{
    public const string ApiVersion = "2025-10";

    /// <summary>An Admin API token of the real shape (shpat_ and 32 hex digits).</summary>
    public const string AccessToken = "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";

    /// <summary>
    /// A new store (default location and "Annex") whose changes go to <paramref name="shop"/>: the default location
    /// mapped to the shop's first location, "Annex" to a second one; the Shopify location ids by hub location name.
    /// </summary>
    public static async Task<(string Store, long Main, long Annex)> StoreWithShopifyAsync(this TestHub hub, RunningShopifySimulator shop)
    {
        shop.Control.Update(k => k with { AccessToken = AccessToken });
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString, null, true, ("Annex", true));
        var main = shop.Shop.Locations().Keys.Min();
        var annex = shop.Control.AddLocation("Annex");
        await hub.SendAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery", new
        {
            kind = "shopify",
            shop_domain = shop.BaseUri.ToString().TrimEnd('/'),
            api_version = ApiVersion,
            access_token = AccessToken,
            location_ids = new Dictionary<string, object> { [store] = main, ["Annex"] = $"gid://shopify/Location/{annex}" },
        }, HttpStatusCode.OK);
        return (store, main, annex);
    }

    /// <summary>Creates <paramref name="count"/> one-variant products in one request.</summary>
    public static async Task IngestProductsAsync(this TestHub hub, string store, int count)
    {
        using var client = hub.Client();
        var (response, body) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body(
            Enumerable.Range(0, count).Select(i => ($"p{i}", IngestTestData.Product($"Batch product {i}", $"BP-{i}")))));
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        Assert.All(body.GetProperty("results").EnumerateArray(), r => Assert.Equal("success", r.GetProperty("status").GetString()));
    }

    /// <summary>Sets the available quantity of <paramref name="sku"/> at a location of <paramref name="store"/>.</summary>
    public static async Task SetInventoryAsync(this TestHub hub, string store, string sku, string location, int available)
    {
        using var client = hub.Client();
        var (response, body) = await client.PostAsync($"/api/v1/ingest/inventory/{store}", IngestTestData.Body(
            [("i", new { sku, store, location_name = location, on_hand = available })], options: new { mode = "initial" }));
        Assert.True(response.IsSuccessStatusCode && body.GetProperty("results")[0].GetProperty("status").GetString() == "success", body.ToString());
    }

    /// <summary>The Shopify ids the hub stored for a product: product id, and variant / inventory item ids by SKU.</summary>
    public static async Task<(long? Product, Dictionary<string, (long? Variant, long? Item)> Variants)> StoredIdsAsync(this TestHub hub, long number)
    {
        var product = await hub.ScalarAsync<long?>("SELECT shopify_product_id FROM products WHERE number = $1", number);
        var rows = await hub.ScalarAsync<string>("""
            SELECT string_agg(v.sku || '=' || coalesce(v.shopify_variant_id::text, '') || '/' || coalesce(v.shopify_inventory_item_id::text, ''), ',' ORDER BY v.sku)
            FROM variants v JOIN products p ON p.id = v.product_id WHERE p.number = $1
            """, number);
        var variants = rows.Split(',').Select(r => r.Split('=', '/')).ToDictionary(
            p => p[0], p => (p[1].Length == 0 ? (long?)null : long.Parse(p[1]), p[2].Length == 0 ? (long?)null : long.Parse(p[2])));
        return (product, variants);
    }
}
