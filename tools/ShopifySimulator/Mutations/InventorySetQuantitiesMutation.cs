using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.GraphQl;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>
/// <c>inventorySetQuantities(input: {name, reason, referenceDocumentUri, ignoreCompareQuantity, quantities})</c>:
/// sets <c>available</c> or <c>on_hand</c> to absolute values, all or nothing. Without
/// <c>ignoreCompareQuantity: true</c> every quantity needs a <c>compareQuantity</c> equal to the stored one.
/// </summary>
internal sealed class InventorySetQuantitiesMutation : IShopifyMutation
{
    private static readonly InputType Input = new("InventorySetQuantitiesInput", "name", "reason", "referenceDocumentUri", "ignoreCompareQuantity", "quantities");

    private static readonly InputType Quantity = new("InventoryQuantityInput", "inventoryItemId", "locationId", "quantity", "compareQuantity", "changeFromQuantity");

    public string Name => "inventorySetQuantities";

    public JsonObject Execute(IReadOnlyDictionary<string, JsonNode?> arguments, ShopState shop, ShopifyKnobs knobs)
    {
        var input = InputObject.Of(arguments, "input", Input, required: true)!;
        var name = input.String("name", required: true)!;
        var reason = input.String("reason", required: true)!;
        var reference = input.String("referenceDocumentUri");
        var ignoreCompare = input.Bool("ignoreCompareQuantity") ?? false;
        var quantities = (input.List("quantities", Quantity) ?? throw Missing()).Select(q => (
            Item: q.String("inventoryItemId", required: true)!,
            Location: q.String("locationId", required: true)!,
            Quantity: q.Int("quantity", required: true)!.Value,
            Compare: q.Int("compareQuantity"),
            HasChangeFrom: q.Has("changeFromQuantity"),
            ChangeFrom: q.Int("changeFromQuantity"))).ToList();

        lock (shop.Gate)
        {
            var errors = new List<JsonObject>();
            if (name is not ("available" or "on_hand"))
            {
                errors.Add(Payloads.UserError(["input", "name"], "The quantity name must be either 'available' or 'on_hand'.", "INVALID_NAME"));
            }

            InventoryRules.CheckReason(reason, errors);
            if (knobs.RejectInventory)
            {
                errors.Add(Payloads.UserError(["input"], knobs.RejectMessage, "INVALID"));
            }

            var resolved = new List<(long Item, long Location, long Quantity)>();
            for (var i = 0; i < quantities.Count; i++)
            {
                var q = quantities[i];
                object[] path = ["input", "quantities", i];
                if (InventoryRules.Resolve(q.Item, q.Location, path, shop, errors) is not { } at)
                {
                    continue;
                }

                if (resolved.Any(r => r.Item == at.Item && r.Location == at.Location))
                {
                    errors.Add(Payloads.UserError(path, "The combination of inventoryItemId and locationId must be unique.", "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR"));
                    continue;
                }

                InventoryRules.CheckBounds(q.Quantity, [.. path, "quantity"], errors);
                var current = shop.QuantityUnlocked(at.Item, at.Location, name) ?? 0;
                var expected = q.HasChangeFrom ? q.ChangeFrom : ignoreCompare ? null : q.Compare;
                if (!q.HasChangeFrom && !ignoreCompare && q.Compare is null)
                {
                    errors.Add(Payloads.UserError([.. path, "compareQuantity"], "The compareQuantity argument must be given to each quantity or ignored using ignoreCompareQuantity.", "COMPARE_QUANTITY_REQUIRED"));
                }
                else if (expected is { } e && e != current)
                {
                    errors.Add(Payloads.UserError([.. path, "compareQuantity"], "The compareQuantity value does not match persisted value.", "COMPARE_QUANTITY_STALE"));
                }

                resolved.Add((at.Item, at.Location, q.Quantity));
            }

            if (errors.Count > 0)
            {
                return InventoryRules.Answer(null, errors);
            }

            var changes = new List<InventoryChange>();
            foreach (var (item, location, quantity) in resolved)
            {
                var delta = quantity - shop.QuantityUnlocked(item, location, name)!.Value;
                shop.Adjust(item, location, name, delta);
                var other = name == "available" ? "on_hand" : "available";
                changes.Add(new InventoryChange(item, location, name, delta, quantity));
                changes.Add(new InventoryChange(item, location, other, delta, shop.QuantityUnlocked(item, location, other)!.Value));
            }

            return InventoryRules.Answer(Payloads.AdjustmentGroup(shop.NextId(), reason, reference, changes), errors);
        }
    }

    private static GraphQlRequestException Missing() =>
        new("Variable $input of type InventorySetQuantitiesInput! was provided invalid value for quantities (Expected value to not be null)", "INVALID_VARIABLE");
}
