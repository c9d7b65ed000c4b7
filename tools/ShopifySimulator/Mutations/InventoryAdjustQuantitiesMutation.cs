using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.GraphQl;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>
/// <c>inventoryAdjustQuantities(input: {name, reason, referenceDocumentUri, changes: [{inventoryItemId, locationId, delta, ledgerDocumentUri}]})</c>:
/// adds deltas to a named quantity, all or nothing. Names other than <c>available</c> need a
/// <c>ledgerDocumentUri</c> (not a <c>gid://shopify/</c> one); <c>available</c> takes none.
/// </summary>
internal sealed class InventoryAdjustQuantitiesMutation : IShopifyMutation
{
    private static readonly string[] Names = ["available", "damaged", "incoming", "quality_control", "reserved", "safety_stock"];

    private static readonly InputType Input = new("InventoryAdjustQuantitiesInput", "name", "reason", "referenceDocumentUri", "changes");

    private static readonly InputType Change = new("InventoryChangeInput", "inventoryItemId", "locationId", "delta", "ledgerDocumentUri", "changeFromQuantity");

    public string Name => "inventoryAdjustQuantities";

    public JsonObject Execute(IReadOnlyDictionary<string, JsonNode?> arguments, ShopState shop, ShopifyKnobs knobs)
    {
        var input = InputObject.Of(arguments, "input", Input, required: true)!;
        var name = input.String("name", required: true)!;
        var reason = input.String("reason", required: true)!;
        var reference = input.String("referenceDocumentUri");
        var changes = (input.List("changes", Change)
            ?? throw new GraphQlRequestException("Variable $input of type InventoryAdjustQuantitiesInput! was provided invalid value for changes (Expected value to not be null)", "INVALID_VARIABLE"))
            .Select(c => (
                Item: c.String("inventoryItemId", required: true)!,
                Location: c.String("locationId", required: true)!,
                Delta: c.Int("delta", required: true)!.Value,
                Ledger: c.String("ledgerDocumentUri"))).ToList();

        lock (shop.Gate)
        {
            var errors = new List<JsonObject>();
            if (!Names.Contains(name))
            {
                errors.Add(Payloads.UserError(["input", "name"], $"The quantity name must be one of {string.Join(", ", Names)}.", "INVALID_QUANTITY_NAME"));
            }

            InventoryRules.CheckReason(reason, errors);
            var resolved = new List<(long Item, long Location, long Delta, string? Ledger)>();
            for (var i = 0; i < changes.Count; i++)
            {
                var c = changes[i];
                object[] path = ["input", "changes", i];
                if (name == "available" && c.Ledger is not null)
                {
                    errors.Add(Payloads.UserError([.. path, "ledgerDocumentUri"], "A ledger document URI is not allowed for the available quantity.", "INVALID_QUANTITY_DOCUMENT"));
                }
                else if (name != "available" && (string.IsNullOrEmpty(c.Ledger) || !Uri.TryCreate(c.Ledger, UriKind.Absolute, out _) || c.Ledger.StartsWith("gid://shopify/", StringComparison.Ordinal)))
                {
                    errors.Add(Payloads.UserError([.. path, "ledgerDocumentUri"], "A ledger document URI (not a Shopify gid) is required for quantity names other than available.", "INVALID_QUANTITY_DOCUMENT"));
                }

                if (InventoryRules.Resolve(c.Item, c.Location, path, shop, errors) is not { } at)
                {
                    continue;
                }

                var after = (shop.QuantityUnlocked(at.Item, at.Location, name) ?? 0) + resolved.Where(r => r.Item == at.Item && r.Location == at.Location).Sum(r => r.Delta) + c.Delta;
                InventoryRules.CheckBounds(after, [.. path, "delta"], errors);
                resolved.Add((at.Item, at.Location, c.Delta, c.Ledger));
            }

            if (errors.Count > 0)
            {
                return InventoryRules.Answer(null, errors);
            }

            var applied = new List<InventoryChange>();
            foreach (var (item, location, delta, ledger) in resolved)
            {
                shop.Adjust(item, location, name, delta);
                applied.Add(new InventoryChange(item, location, name, delta, shop.QuantityUnlocked(item, location, name)!.Value, ledger));
            }

            return InventoryRules.Answer(Payloads.AdjustmentGroup(shop.NextId(), reason, reference, applied), errors);
        }
    }
}
