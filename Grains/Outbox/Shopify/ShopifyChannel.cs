using System.Text.Json.Nodes;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>
/// Delivers a store's product changes to Shopify's Admin GraphQL API. A product change (or a product Shopify does not
/// know yet) is sent whole by <c>productSet</c> — named by the stored Shopify id, else by handle, so a lost answer
/// never duplicates it — and the ids Shopify returns are saved by the dispatcher, also when a later step fails. Changes of prices only go by
/// <c>productVariantsBulkUpdate</c>, of inventory only by <c>inventorySetQuantities</c> at the target's mapped
/// locations (activating an item at a location where it is not stocked yet).
/// </summary>
public sealed class ShopifyChannel(ShopifyGraphQlClient shopify) : IDeliveryChannel
{
    public string Kind => TargetKinds.Shopify;

    public async Task<DeliveryOutcome> DeliverAsync(DeliveryTarget target, DeliveryItem item, CancellationToken ct)
    {
        if (item.Product is not { } product)
        {
            return new DeliveryOutcome.Failed($"{item.EventType} has no product to send to Shopify", Permanent: true);
        }

        var locations = new ShopifyLocations(target.ShopifyLocations, product.Content.StoreNumber ?? StoreOf(product.Catalog));
        var known = product.Variants.Where(v => v.ShopifyVariantId is not null && v.ShopifyInventoryItemId is not null)
            .ToDictionary(v => v.Sku, v => (Variant: v.ShopifyVariantId!.Value, Item: v.ShopifyInventoryItemId!.Value), StringComparer.Ordinal);
        var whole = product.ShopifyProductId is null
            || (item.Changes & ~(ChangeKinds.Inventory | ChangeKinds.Price)) != ChangeKinds.None
            || item.Changes == ChangeKinds.None
            || product.Content.Variants.Any(v => !known.ContainsKey(v.Sku));
        if (whole)
        {
            var (payload, failure) = await shopify.MutateAsync(target, "productSet", ShopifyMutations.ProductSet, ShopifyProductInput.Variables(product, locations), ct);
            if (failure is not null)
            {
                return failure;
            }

            if (ShopifyAnswers.Ids(payload!) is not { } ids)
            {
                return new DeliveryOutcome.Failed("productSet answered without the product's ids");
            }

            // Variants created just now got their quantities with productSet; the others get theirs now.
            var existing = product.Archived ? [] : ids.Variants.Where(v => known.ContainsKey(v.Sku)).ToDictionary(v => v.Sku, v => (Variant: v.VariantId, Item: v.InventoryItemId), StringComparer.Ordinal);
            return await SetInventoryAsync(target, item, product, locations, existing, ct) is { } inventoryFailed
                ? inventoryFailed with { Ids = ids }
                : new DeliveryOutcome.Delivered(ids);
        }

        if (item.Changes.HasFlag(ChangeKinds.Price) && await SetPricesAsync(target, product, known, ct) is { } priceFailure)
        {
            return priceFailure;
        }

        if (item.Changes.HasFlag(ChangeKinds.Inventory) && await SetInventoryAsync(target, item, product, locations, known, ct) is { } inventoryFailure)
        {
            return inventoryFailure;
        }

        return new DeliveryOutcome.Delivered();
    }

    private async Task<DeliveryOutcome.Failed?> SetPricesAsync(
        DeliveryTarget target, DeliveredProduct product, Dictionary<string, (long Variant, long Item)> known, CancellationToken ct)
    {
        var variables = new JsonObject
        {
            ["productId"] = ShopifyGid.Format("Product", product.ShopifyProductId!.Value),
            ["variants"] = new JsonArray([.. product.Content.Variants.Select(v => new JsonObject
            {
                ["id"] = ShopifyGid.Format("ProductVariant", known[v.Sku].Variant),
                ["price"] = ShopifyProductInput.Money(v.BasePrice ?? 0m),
                ["compareAtPrice"] = ShopifyProductInput.Money(v.CompareAtPrice),
            })]),
        };
        return (await shopify.MutateAsync(target, "productVariantsBulkUpdate", ShopifyMutations.VariantPrices, variables, ct)).Failure;
    }

    /// <summary>Sets the available quantities of <paramref name="variants"/> (by SKU: Shopify ids) at every mapped location.</summary>
    private async Task<DeliveryOutcome.Failed?> SetInventoryAsync(
        DeliveryTarget target, DeliveryItem item, DeliveredProduct product, ShopifyLocations locations,
        Dictionary<string, (long Variant, long Item)> variants, CancellationToken ct)
    {
        var quantities = product.Content.Variants
            .Where(v => variants.ContainsKey(v.Sku))
            .SelectMany(v => locations.Of(v).Select(l => new ShopifyQuantity(variants[v.Sku].Item, l.LocationId, l.Available)))
            .ToList();
        foreach (var chunk in quantities.Chunk(ShopifyInventoryInput.MaxQuantities))
        {
            var variables = ShopifyInventoryInput.Variables(chunk, item.EventId, target.ApiVersion!);
            var (payload, failure) = await shopify.MutateAsync(target, "inventorySetQuantities", ShopifyMutations.InventorySet, variables, ct);
            if (failure is null)
            {
                continue;
            }

            var unstocked = payload is null ? [] : ShopifyInventoryInput.NotStocked(payload);
            if (unstocked.Count == 0)
            {
                return failure;
            }

            // A location mapped after the item was created: stock the item there, then set the whole chunk again.
            foreach (var q in unstocked.Where(i => i < chunk.Length).Select(i => chunk[i]))
            {
                var activate = new JsonObject
                {
                    ["inventoryItemId"] = ShopifyGid.Format("InventoryItem", q.InventoryItemId),
                    ["locationId"] = ShopifyGid.Format("Location", q.LocationId),
                };
                if ((await shopify.MutateAsync(target, "inventoryActivate", ShopifyMutations.InventoryActivate, activate, ct)).Failure is { } activateFailure)
                {
                    return activateFailure;
                }
            }

            if ((await shopify.MutateAsync(target, "inventorySetQuantities", ShopifyMutations.InventorySet, variables, ct)).Failure is { } again)
            {
                return again;
            }
        }

        return null;
    }

    private static string? StoreOf(string catalog) => catalog.StartsWith("store:", StringComparison.Ordinal) ? catalog["store:".Length..] : null;
}

/// <summary>Reads what Shopify answered.</summary>
public static class ShopifyAnswers
{
    /// <summary>The product's and its variants' ids from a <c>productSet</c> payload; null when they are missing.</summary>
    public static ShopifyIds? Ids(JsonObject payload)
    {
        if (ShopifyGid.Parse(payload["product"]?["id"]?.ToString(), "Product") is not { } productId)
        {
            return null;
        }

        var variants = new List<ShopifyVariantIds>();
        foreach (var node in payload["product"]?["variants"]?["nodes"] as JsonArray ?? [])
        {
            if (node?["sku"]?.ToString() is { Length: > 0 } sku
                && ShopifyGid.Parse(node["id"]?.ToString(), "ProductVariant") is { } variant
                && ShopifyGid.Parse(node["inventoryItem"]?["id"]?.ToString(), "InventoryItem") is { } inventoryItem)
            {
                variants.Add(new ShopifyVariantIds(sku, variant, inventoryItem));
            }
        }

        return new ShopifyIds(productId, variants);
    }
}
