using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>What the inventory mutations check alike: reasons, items, locations, stocking, quantity bounds.</summary>
internal static class InventoryRules
{
    public const long Limit = 1_000_000_000;

    /// <summary>Shopify's inventory adjustment reasons.</summary>
    public static readonly IReadOnlySet<string> Reasons = new HashSet<string>(StringComparer.Ordinal)
    {
        "correction", "cycle_count_available", "damaged", "movement_created", "movement_updated", "movement_received",
        "movement_canceled", "other", "promotion", "quality_control", "received", "reservation_created",
        "reservation_deleted", "reservation_updated", "restock", "safety_stock", "shrinkage",
    };

    /// <summary>The item and location of one entry, or null with a userError (unknown item, unknown location, not stocked there).</summary>
    public static (long Item, long Location)? Resolve(string itemGid, string locationGid, object[] path, ShopState shop, List<JsonObject> errors)
    {
        if (!ShopifyGid.TryParse(itemGid, "InventoryItem", out var item) || !shop.HasInventoryItem(item))
        {
            errors.Add(Payloads.UserError([.. path, "inventoryItemId"], "The specified inventory item could not be found.", "INVALID_INVENTORY_ITEM"));
            return null;
        }

        if (!ShopifyGid.TryParse(locationGid, "Location", out var location) || !shop.HasLocation(location))
        {
            errors.Add(Payloads.UserError([.. path, "locationId"], "The specified location could not be found.", "INVALID_LOCATION"));
            return null;
        }

        if (!shop.IsStocked(item, location))
        {
            errors.Add(Payloads.UserError([.. path, "locationId"], "The specified inventory item is not stocked at the location.", "ITEM_NOT_STOCKED_AT_LOCATION"));
            return null;
        }

        return (item, location);
    }

    public static void CheckReason(string reason, List<JsonObject> errors)
    {
        if (!Reasons.Contains(reason))
        {
            errors.Add(Payloads.UserError(["input", "reason"], "The specified reason is invalid.", "INVALID_REASON"));
        }
    }

    public static void CheckBounds(long quantity, object[] path, List<JsonObject> errors)
    {
        if (quantity > Limit)
        {
            errors.Add(Payloads.UserError(path, "The quantity can't be higher than 1,000,000,000.", "INVALID_QUANTITY_TOO_HIGH"));
        }
        else if (quantity < -Limit)
        {
            errors.Add(Payloads.UserError(path, "The quantity can't be lower than -1,000,000,000.", "INVALID_QUANTITY_TOO_LOW"));
        }
    }

    public static JsonObject Answer(JsonObject? group, List<JsonObject> errors) => new()
    {
        ["inventoryAdjustmentGroup"] = group,
        ["userErrors"] = Payloads.Errors(errors),
    };
}
