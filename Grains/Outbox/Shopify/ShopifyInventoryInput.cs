using System.Text.Json.Nodes;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>One available quantity to set: an inventory item at a location.</summary>
public sealed record ShopifyQuantity(long InventoryItemId, long LocationId, long Available);

/// <summary>
/// <c>inventorySetQuantities</c>'s input: absolute <c>available</c> quantities, the hub being the source of truth, so
/// Shopify's compare-and-set check is skipped — by <c>ignoreCompareQuantity</c> before API version 2026-04, by a null
/// <c>changeFromQuantity</c> on each quantity from 2026-04 (where the former is gone).
/// </summary>
public static class ShopifyInventoryInput
{
    /// <summary>Shopify takes at most 250 quantities per call.</summary>
    public const int MaxQuantities = 250;

    public static JsonObject Variables(IEnumerable<ShopifyQuantity> quantities, Guid eventId, string apiVersion)
    {
        var changeFrom = UsesChangeFrom(apiVersion);
        var input = new JsonObject
        {
            ["name"] = "available",
            ["reason"] = "correction",
            ["referenceDocumentUri"] = $"gid://catalog-hub/OutboxEvent/{eventId}",
            ["quantities"] = new JsonArray([.. quantities.Select(q =>
            {
                var node = new JsonObject
                {
                    ["inventoryItemId"] = ShopifyGid.Format("InventoryItem", q.InventoryItemId),
                    ["locationId"] = ShopifyGid.Format("Location", q.LocationId),
                    ["quantity"] = q.Available,
                };
                if (changeFrom)
                {
                    node["changeFromQuantity"] = null;
                }

                return node;
            })]),
        };
        if (!changeFrom)
        {
            input["ignoreCompareQuantity"] = true;
        }

        return new JsonObject { ["input"] = input };
    }

    /// <summary>Whether <paramref name="apiVersion"/> (<c>yyyy-MM</c> or <c>unstable</c>) replaced compareQuantity by changeFromQuantity.</summary>
    public static bool UsesChangeFrom(string apiVersion) =>
        apiVersion == "unstable" || string.CompareOrdinal(apiVersion, "2026-04") >= 0;

    /// <summary>The quantities a <c>userErrors</c> list says are at locations where their item is not stocked.</summary>
    public static IReadOnlyList<int> NotStocked(JsonObject payload) =>
        [.. (payload["userErrors"] as JsonArray ?? [])
            .Where(e => e?["code"]?.ToString() == "ITEM_NOT_STOCKED_AT_LOCATION" && e["field"] is JsonArray { Count: >= 3 })
            .Select(e => int.TryParse(e!["field"]![2]!.ToString(), out var i) ? i : -1)
            .Where(i => i >= 0)
            .Distinct()];
}
