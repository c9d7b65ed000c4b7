using System.Globalization;
using System.Text.Json.Nodes;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>
/// Maps a hub product to <c>productSet</c>'s variables. The product is named by its stored Shopify id, or before the
/// first delivery by its handle, so a delivery whose answer was lost and is sent again updates the product it created
/// instead of creating a second one. Options: the variants' own option values when every variant has them, else
/// Color / Size, else one "Title" option whose values are the SKUs (Shopify needs every variant to differ in its
/// options). Variants already in Shopify carry their ids; new ones carry their first quantities.
/// </summary>
public static class ShopifyProductInput
{
    public const int MaxOptions = 3;

    public static JsonObject Variables(DeliveredProduct product, ShopifyLocations locations)
    {
        var content = product.Content;
        var options = Options(content.Variants);
        var ids = product.Variants.ToDictionary(v => v.Sku, StringComparer.Ordinal);
        var input = new JsonObject
        {
            ["title"] = content.ProductName,
            ["handle"] = Handle(product),
            ["descriptionHtml"] = content.Description ?? "",
            ["vendor"] = content.Brand,
            ["productType"] = content.Category ?? "",
            ["tags"] = new JsonArray([.. content.Tags.Select(t => JsonValue.Create(t))]),
            ["status"] = Status(product),
            ["productOptions"] = new JsonArray([.. options.Names.Select((name, i) => new JsonObject
            {
                ["name"] = name,
                ["values"] = new JsonArray([.. content.Variants.Select(v => options.ValuesOf(v)[i]).Distinct(StringComparer.Ordinal)
                    .Select(value => new JsonObject { ["name"] = value })]),
            })]),
            ["variants"] = new JsonArray([.. content.Variants.Select(v => Variant(v, options, ids.GetValueOrDefault(v.Sku), locations))]),
        };
        return new JsonObject
        {
            ["identifier"] = product.ShopifyProductId is { } id
                ? new JsonObject { ["id"] = ShopifyGid.Format("Product", id) }
                : new JsonObject { ["handle"] = Handle(product) },
            ["input"] = input,
        };
    }

    /// <summary>ACTIVE, or ARCHIVED for an archived product, DRAFT for an unpublished one.</summary>
    public static string Status(DeliveredProduct product) =>
        product.Archived ? "ARCHIVED" : product.Content.Published ? "ACTIVE" : "DRAFT";

    /// <summary>The product's handle, or one made from its title and hub number (unique in the store).</summary>
    public static string Handle(DeliveredProduct product)
    {
        if (!string.IsNullOrWhiteSpace(product.Content.Handle))
        {
            return product.Content.Handle.Trim();
        }

        var chars = product.Content.ProductName.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length > 200 ? slug[..200].TrimEnd('-') : slug;
        return $"{(slug.Length > 0 ? slug : "product")}-{product.Number.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Money as the Admin API takes it: a decimal string.</summary>
    public static JsonNode? Money(decimal? amount) => amount is { } a ? JsonValue.Create(a.ToString(CultureInfo.InvariantCulture)) : null;

    private static JsonObject Variant(CanonicalVariant variant, VariantOptions options, VariantSyncIds? ids, ShopifyLocations locations)
    {
        var values = options.ValuesOf(variant);
        var node = new JsonObject
        {
            ["optionValues"] = new JsonArray([.. options.Names.Select((name, i) => new JsonObject { ["optionName"] = name, ["name"] = values[i] })]),
            ["price"] = Money(variant.BasePrice ?? 0m),
            ["compareAtPrice"] = Money(variant.CompareAtPrice),
            ["barcode"] = variant.Barcode,
            ["taxable"] = variant.Taxable,
            ["inventoryPolicy"] = variant.InventoryPolicy == "continue" ? "CONTINUE" : "DENY",
            ["inventoryItem"] = new JsonObject { ["sku"] = variant.Sku, ["tracked"] = true, ["requiresShipping"] = variant.RequiresShipping },
        };
        if (ids?.ShopifyVariantId is { } id)
        {
            node["id"] = ShopifyGid.Format("ProductVariant", id);
        }
        else
        {
            // A new variant is stocked where it has quantities as it is created; an existing one gets them by inventorySetQuantities.
            node["inventoryQuantities"] = new JsonArray([.. locations.Of(variant).Select(q => new JsonObject
            {
                ["locationId"] = ShopifyGid.Format("Location", q.LocationId),
                ["name"] = "available",
                ["quantity"] = q.Available,
            })]);
        }

        return node;
    }

    /// <summary>The option names of a product and each variant's values for them.</summary>
    public static VariantOptions Options(IReadOnlyList<CanonicalVariant> variants)
    {
        if (variants.Count > 0 && variants.All(v => v.OptionValues.Count > 0))
        {
            var names = variants.SelectMany(v => v.OptionValues.Select(o => o.Name)).Distinct(StringComparer.Ordinal).ToList();
            var own = new VariantOptions(names, v => [.. names.Select(n => v.OptionValues.FirstOrDefault(o => o.Name == n)?.Value ?? "Default")]);
            if (names.Count <= MaxOptions && own.AreDistinct(variants))
            {
                return own;
            }
        }

        var dimensions = new List<string>();
        if (variants.Any(v => !string.IsNullOrWhiteSpace(v.Color)))
        {
            dimensions.Add("Color");
        }

        if (variants.Any(v => !string.IsNullOrWhiteSpace(v.Size)))
        {
            dimensions.Add("Size");
        }

        var colorSize = new VariantOptions(dimensions, v => [.. dimensions.Select(d => Blank(d == "Color" ? v.Color : v.Size))]);
        return dimensions.Count > 0 && colorSize.AreDistinct(variants) ? colorSize : new VariantOptions(["Title"], v => [v.Sku]);
    }

    private static string Blank(string? value) => string.IsNullOrWhiteSpace(value) ? "Default" : value.Trim();
}

/// <summary>Option names and how a variant's values for them are read.</summary>
public sealed class VariantOptions(IReadOnlyList<string> names, Func<CanonicalVariant, string[]> values)
{
    public IReadOnlyList<string> Names { get; } = names;

    public string[] ValuesOf(CanonicalVariant variant) => values(variant);

    public bool AreDistinct(IReadOnlyList<CanonicalVariant> variants) =>
        variants.Select(v => string.Join('\u001f', ValuesOf(v))).Distinct(StringComparer.Ordinal).Count() == variants.Count;
}
