using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.Knobs;
using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary>
/// <c>productSet(identifier, input, synchronous)</c>: creates a product, or updates the one named by
/// <c>identifier.id</c> / <c>input.id</c>, or upserts by <c>identifier.handle</c>. Given variants replace the
/// product's: matched by id (which must be the product's), the rest created with new variant and inventory item
/// ids, the missing ones deleted with their inventory. <c>synchronous: false</c> is answered as if true.
/// </summary>
internal sealed class ProductSetMutation : IShopifyMutation
{
    private const int MaxVariants = 2048;

    public string Name => "productSet";

    public JsonObject Execute(IReadOnlyDictionary<string, JsonNode?> arguments, ShopState shop, ShopifyKnobs knobs)
    {
        var input = ProductSetInput.Read(arguments);
        lock (shop.Gate)
        {
            var errors = new List<JsonObject>();
            var existing = Target(input, shop, errors);
            if (errors.Count > 0)
            {
                return Answer(null, errors);
            }

            var title = input.Title ?? existing?.Title;
            if (string.IsNullOrWhiteSpace(title))
            {
                errors.Add(Payloads.UserError(["input", "title"], "Title can't be blank", "INVALID_PRODUCT"));
                return Answer(null, errors);
            }

            var handle = input.Handle ?? input.IdentifierHandle ?? existing?.Handle ?? Slug(title);
            if (knobs.RejectHandle is { } rejected && rejected == handle)
            {
                errors.Add(Payloads.UserError(["input", "handle"], knobs.RejectMessage, "INVALID_PRODUCT"));
            }

            var options = Options(input, existing, errors);
            var variants = Variants(input, existing, options, shop, knobs, errors);
            if (errors.Count > 0)
            {
                return Answer(null, errors);
            }

            var id = existing?.Id ?? shop.NextId();
            var product = new ShopifyProduct(
                id,
                title,
                shop.UniqueHandle(handle, id),
                input.Status ?? existing?.Status ?? "ACTIVE",
                input.HasDescriptionHtml ? input.DescriptionHtml : existing?.DescriptionHtml,
                input.Vendor ?? existing?.Vendor,
                input.ProductType ?? existing?.ProductType,
                input.Tags ?? existing?.Tags ?? [],
                options,
                [.. variants.Select(v => v.Variant)]);
            shop.Put(product);
            foreach (var (variant, quantities) in variants)
            {
                foreach (var (location, name, quantity) in quantities)
                {
                    shop.Stock(variant.InventoryItemId, location);
                    shop.Adjust(variant.InventoryItemId, location, name, quantity - shop.QuantityUnlocked(variant.InventoryItemId, location, name)!.Value);
                }
            }

            return Answer(product, errors);
        }
    }

    private static JsonObject Answer(ShopifyProduct? product, List<JsonObject> errors) => new()
    {
        ["product"] = product is null ? null : Payloads.Product(product),
        ["productSetOperation"] = null,
        ["userErrors"] = Payloads.Errors(errors),
    };

    /// <summary>The product to update, or null to create (or to upsert by a handle no product has).</summary>
    private static ShopifyProduct? Target(ProductSetInput input, ShopState shop, List<JsonObject> errors)
    {
        if (input.IdentifierId is not null && input.InputId is not null && input.IdentifierId != input.InputId)
        {
            errors.Add(Payloads.UserError(["input", "id"], "The id in the input does not match the identifier", "INPUT_MISMATCH"));
            return null;
        }

        if ((input.IdentifierId ?? input.InputId) is { } gid)
        {
            if (ShopifyGid.TryParse(gid, "Product", out var id) && shop.Find(id) is { } found)
            {
                return found;
            }

            errors.Add(Payloads.UserError(input.IdentifierId is null ? ["input", "id"] : ["identifier", "id"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST"));
            return null;
        }

        return input.IdentifierHandle is { } handle ? shop.FindByHandle(handle) : null;
    }

    private static IReadOnlyList<ShopifyOption> Options(ProductSetInput input, ShopifyProduct? existing, List<JsonObject> errors)
    {
        if (input.Options is null)
        {
            if (input.Variants is not null && existing is null)
            {
                errors.Add(Payloads.UserError(["input", "productOptions"], "Product options input is required when updating variants", "PRODUCT_OPTIONS_INPUT_MISSING"));
            }

            return existing?.Options ?? (input.Variants is null ? [new ShopifyOption("Title", ["Default Title"])] : []);
        }

        if (input.Variants is null)
        {
            errors.Add(Payloads.UserError(["input", "variants"], "Variants input is required when updating product options", "VARIANTS_INPUT_MISSING"));
        }

        if (input.Options.Count is 0 or > 3)
        {
            errors.Add(Payloads.UserError(["input", "productOptions"], "A product has 1 to 3 options", "OPTIONS_OVER_LIMIT"));
        }

        for (var i = 0; i < input.Options.Count; i++)
        {
            var option = input.Options[i];
            if (input.Options.Take(i).Any(o => o.Name == option.Name))
            {
                errors.Add(Payloads.UserError(["input", "productOptions", i, "name"], $"Duplicated option name '{option.Name}'", "DUPLICATED_OPTION_NAME"));
            }

            if (option.Values.Count == 0)
            {
                errors.Add(Payloads.UserError(["input", "productOptions", i, "values"], $"Option '{option.Name}' needs at least one value", "OPTION_VALUES_MISSING"));
            }
            else if (option.Values.Distinct(StringComparer.Ordinal).Count() != option.Values.Count)
            {
                errors.Add(Payloads.UserError(["input", "productOptions", i, "values"], $"Duplicated option value for option '{option.Name}'", "DUPLICATED_OPTION_VALUE"));
            }
        }

        return [.. input.Options.Select(o => new ShopifyOption(o.Name, o.Values))];
    }

    private static List<(ShopifyVariant Variant, List<(long Location, string Name, long Quantity)> Quantities)> Variants(
        ProductSetInput input, ShopifyProduct? existing, IReadOnlyList<ShopifyOption> options, ShopState shop, ShopifyKnobs knobs, List<JsonObject> errors)
    {
        var result = new List<(ShopifyVariant, List<(long, string, long)>)>();
        if (input.Variants is null)
        {
            if (existing is not null)
            {
                result.AddRange(existing.Variants.Select(v => (v, new List<(long, string, long)>())));
            }
            else
            {
                var defaults = new List<KeyValuePair<string, string>> { new(options[0].Name, options[0].Values[0]) };
                result.Add((new ShopifyVariant(shop.NextId(), shop.NextId(), null, defaults, 0m, null, null), []));
            }

            return result;
        }

        if (input.Variants.Count > MaxVariants)
        {
            errors.Add(Payloads.UserError(["input", "variants"], $"A product can have at most {MaxVariants} variants", "INVALID_VARIANT"));
            return result;
        }

        var combinations = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < input.Variants.Count; i++)
        {
            var v = input.Variants[i];
            object[] path = ["input", "variants", i];
            ShopifyVariant? old = null;
            if (v.Id is not null && !(ShopifyGid.TryParse(v.Id, "ProductVariant", out var variantId) && (old = existing?.Variants.FirstOrDefault(x => x.Id == variantId)) is not null))
            {
                errors.Add(Payloads.UserError([.. path, "id"], "Product variant does not exist", "PRODUCT_VARIANT_DOES_NOT_EXIST"));
                continue;
            }

            var selected = SelectedOptions(v, options, path, errors);
            if (selected is not null && !combinations.Add(string.Join(" / ", selected.Select(s => s.Value))))
            {
                errors.Add(Payloads.UserError([.. path, "optionValues"], $"The variant '{string.Join(" / ", selected.Select(s => s.Value))}' already exists.", "INVALID_VARIANT"));
            }

            var sku = v.Sku ?? old?.Sku;
            if (knobs.RejectSku is { } rejected && rejected == sku)
            {
                errors.Add(Payloads.UserError([.. path, .. (v.SkuField ?? "sku").Split('.')], knobs.RejectMessage, "INVALID_VARIANT"));
            }

            if (v.Price < 0 || v.CompareAtPrice < 0)
            {
                errors.Add(Payloads.UserError([.. path, v.Price < 0 ? "price" : "compareAtPrice"], "Price must be greater than or equal to 0", "INVALID_VARIANT"));
            }

            var quantities = Quantities(v, old, path, shop, errors);
            if (selected is null)
            {
                continue;
            }

            var variant = new ShopifyVariant(
                old?.Id ?? shop.NextId(),
                old?.InventoryItemId ?? shop.NextId(),
                sku,
                selected,
                v.Price ?? old?.Price ?? 0m,
                v.HasCompareAtPrice ? v.CompareAtPrice : old?.CompareAtPrice,
                v.HasBarcode ? v.Barcode : old?.Barcode);
            result.Add((variant, quantities));
        }

        return result;
    }

    /// <summary>The variant's value for every option, in the product's option order; null (with errors) when they do not fit.</summary>
    private static List<KeyValuePair<string, string>>? SelectedOptions(VariantInput v, IReadOnlyList<ShopifyOption> options, object[] path, List<JsonObject> errors)
    {
        var fits = true;
        for (var j = 0; j < v.OptionValues.Count; j++)
        {
            var (name, value) = v.OptionValues[j];
            var option = options.FirstOrDefault(o => o.Name == name);
            if (option is null)
            {
                errors.Add(Payloads.UserError([.. path, "optionValues", j, "optionName"], $"Option '{name}' does not exist", "OPTION_DOES_NOT_EXIST"));
                fits = false;
            }
            else if (!option.Values.Contains(value))
            {
                errors.Add(Payloads.UserError([.. path, "optionValues", j, "name"], $"Option value '{value}' does not exist for option '{name}'", "OPTION_VALUE_DOES_NOT_EXIST"));
                fits = false;
            }
        }

        var missing = options.Where(o => v.OptionValues.Count(p => p.Key == o.Name) != 1).Select(o => o.Name).ToList();
        if (fits && missing.Count > 0)
        {
            errors.Add(Payloads.UserError([.. path, "optionValues"], $"Each option needs exactly one value; check {string.Join(", ", missing)}", "OPTION_VALUES_MISSING"));
            fits = false;
        }

        return fits ? [.. options.Select(o => new KeyValuePair<string, string>(o.Name, v.OptionValues.First(p => p.Key == o.Name).Value))] : null;
    }

    /// <summary>Quantities to set: at any location when the variant is created, only where it is stocked when it exists.</summary>
    private static List<(long, string, long)> Quantities(VariantInput v, ShopifyVariant? old, object[] path, ShopState shop, List<JsonObject> errors)
    {
        var quantities = new List<(long, string, long)>();
        for (var k = 0; k < v.Quantities.Count; k++)
        {
            var q = v.Quantities[k];
            object[] at = [.. path, "inventoryQuantities", k];
            if (!ShopifyGid.TryParse(q.LocationId, "Location", out var location) || !shop.HasLocation(location))
            {
                errors.Add(Payloads.UserError([.. at, "locationId"], "Location does not exist", "NOT_FOUND"));
            }
            else if (q.Name is not ("available" or "on_hand"))
            {
                errors.Add(Payloads.UserError([.. at, "name"], "The quantity name must be either 'available' or 'on_hand'", "INVALID_INPUT"));
            }
            else if (old is not null && !shop.IsStocked(old.InventoryItemId, location))
            {
                errors.Add(Payloads.UserError([.. at, "locationId"], "An existing variant's quantities can only be set at locations where it is stocked", "INVALID_INPUT"));
            }
            else
            {
                quantities.Add((location, q.Name, q.Quantity));
            }
        }

        return quantities;
    }

    private static string Slug(string title)
    {
        var chars = title.Trim().ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > 0 ? slug : "product";
    }
}
