using System.Globalization;
using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.GraphQl;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>
/// <c>inventoryActivate(inventoryItemId, locationId, available, onHand)</c>: stocks an inventory item at a
/// location, optionally with initial quantities. Activating where it is already stocked changes nothing and,
/// with a quantity, answers a userError (Shopify does not set quantities of an active level this way).
/// </summary>
internal sealed class InventoryActivateMutation : IShopifyMutation
{
    private static readonly string[] LevelNames = ["available", "on_hand", "incoming"];

    public string Name => "inventoryActivate";

    public JsonObject Execute(IReadOnlyDictionary<string, JsonNode?> arguments, ShopState shop, ShopifyKnobs knobs)
    {
        var itemGid = InputObject.Scalar(arguments, "inventoryItemId", "ID", required: true)!;
        var locationGid = InputObject.Scalar(arguments, "locationId", "ID", required: true)!;
        var available = Int(arguments, "available");
        var onHand = Int(arguments, "onHand");
        lock (shop.Gate)
        {
            var errors = new List<JsonObject>();
            if (!ShopifyGid.TryParse(itemGid, "InventoryItem", out var item) || !shop.HasInventoryItem(item))
            {
                errors.Add(Payloads.UserError(["inventoryItemId"], "Inventory item does not exist", null));
            }
            else if (!ShopifyGid.TryParse(locationGid, "Location", out var location) || !shop.HasLocation(location))
            {
                errors.Add(Payloads.UserError(["locationId"], "Location does not exist", null));
            }
            else if (shop.IsStocked(item, location))
            {
                if (available is not null || onHand is not null)
                {
                    errors.Add(Payloads.UserError([available is not null ? "available" : "onHand"], "Not allowed to set available quantity when the item is already active at the location.", null));
                }
            }
            else
            {
                shop.Stock(item, location);
                if (onHand is { } h)
                {
                    shop.Adjust(item, location, "on_hand", h);
                }

                if (available is { } a)
                {
                    shop.Adjust(item, location, "available", a - shop.QuantityUnlocked(item, location, "available")!.Value);
                }
            }

            return new JsonObject
            {
                ["inventoryLevel"] = errors.Count > 0 ? null : Level(shop, item, ShopifyGid.TryParse(locationGid, "Location", out var at) ? at : 0),
                ["userErrors"] = Payloads.Errors(errors),
            };
        }
    }

    private static long? Int(IReadOnlyDictionary<string, JsonNode?> arguments, string name)
    {
        var text = InputObject.Scalar(arguments, name, "Int", required: false);
        return text is null ? null
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n
            : throw new GraphQlRequestException($"Variable ${name} of type Int was provided invalid value", "INVALID_VARIABLE");
    }

    private static JsonObject Level(ShopState shop, long item, long location) => new()
    {
        ["id"] = $"gid://shopify/InventoryLevel/{location.ToString(CultureInfo.InvariantCulture)}?inventory_item_id={item.ToString(CultureInfo.InvariantCulture)}",
        ["item"] = new JsonObject { ["id"] = ShopifyGid.InventoryItem(item) },
        ["location"] = new JsonObject { ["id"] = ShopifyGid.Location(location) },
        ["quantities"] = new JsonArray([.. LevelNames.Select(n => new JsonObject
        {
            ["name"] = n,
            ["quantity"] = shop.QuantityUnlocked(item, location, n),
        })]),
    };
}
