using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.GraphQl;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>
/// <c>productVariantsBulkUpdate(productId, variants: [{id, price, compareAtPrice, barcode, inventoryItem {sku}}])</c>:
/// changes existing variants of one product, all or nothing (<c>allowPartialUpdates</c> is not modelled).
/// </summary>
internal sealed class ProductVariantsBulkUpdateMutation : IShopifyMutation
{
    private static readonly InputType Variant = new("ProductVariantsBulkInput",
        "barcode", "compareAtPrice", "id", "inventoryItem", "inventoryPolicy", "inventoryQuantities", "mediaId", "mediaSrc",
        "metafields", "optionValues", "price", "requiresComponents", "showUnitPrice", "taxable", "taxCode", "unitPriceMeasurement");

    public string Name => "productVariantsBulkUpdate";

    public JsonObject Execute(IReadOnlyDictionary<string, JsonNode?> arguments, ShopState shop, ShopifyKnobs knobs)
    {
        var productGid = InputObject.Scalar(arguments, "productId", "ID", required: true)!;
        var inputs = InputObject.ListOf(arguments, "variants", Variant)
            .Select(v => (
                Id: v.String("id"),
                Price: v.Money("price"),
                Compare: v.Money("compareAtPrice"),
                HasCompare: v.Has("compareAtPrice"),
                Barcode: v.String("barcode"),
                HasBarcode: v.Has("barcode"),
                Sku: v.Object("inventoryItem", ProductSetInput.InventoryItem)?.String("sku"))).ToList();

        lock (shop.Gate)
        {
            var errors = new List<JsonObject>();
            if (!ShopifyGid.TryParse(productGid, "Product", out var productId) || shop.Find(productId) is not { } product)
            {
                errors.Add(Payloads.UserError(["productId"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST"));
                return Answer(null, [], errors);
            }

            var variants = product.Variants.ToList();
            var changed = new List<ShopifyVariant>();
            for (var i = 0; i < inputs.Count; i++)
            {
                var v = inputs[i];
                var index = ShopifyGid.TryParse(v.Id, "ProductVariant", out var id) ? variants.FindIndex(x => x.Id == id) : -1;
                if (index < 0)
                {
                    errors.Add(Payloads.UserError(["variants", i, "id"], "Product variant does not exist", "PRODUCT_VARIANT_DOES_NOT_EXIST"));
                    continue;
                }

                if (v.Price < 0 || v.Compare < 0)
                {
                    errors.Add(Payloads.UserError(["variants", i, v.Price < 0 ? "price" : "compareAtPrice"], "Price cannot take a negative value.", "NEGATIVE_PRICE_VALUE"));
                    continue;
                }

                var old = variants[index];
                variants[index] = old with
                {
                    Price = v.Price ?? old.Price,
                    CompareAtPrice = v.HasCompare ? v.Compare : old.CompareAtPrice,
                    Barcode = v.HasBarcode ? v.Barcode : old.Barcode,
                    Sku = v.Sku ?? old.Sku,
                };
                changed.Add(variants[index]);
            }

            if (errors.Count > 0)
            {
                return Answer(product, [], errors);
            }

            var updated = product with { Variants = variants };
            shop.Put(updated);
            return Answer(updated, changed, errors);
        }
    }

    private static JsonObject Answer(ShopifyProduct? product, IEnumerable<ShopifyVariant> changed, List<JsonObject> errors) => new()
    {
        ["product"] = product is null ? null : new JsonObject { ["id"] = product.Gid },
        ["productVariants"] = errors.Count > 0 ? null : new JsonArray([.. changed.Select(Payloads.Variant)]),
        ["userErrors"] = Payloads.Errors(errors),
    };
}
