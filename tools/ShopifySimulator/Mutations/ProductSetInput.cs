using System.Text.Json.Nodes;
using CatalogHub.ShopifySimulator.GraphQl;

namespace CatalogHub.ShopifySimulator.Mutations;

/// <summary><c>productSet</c>'s arguments, read strictly into plain records (the real input types' fields; the modelled ones kept).</summary>
internal sealed record ProductSetInput(
    string? IdentifierId,
    string? IdentifierHandle,
    string? InputId,
    string? Title,
    string? Handle,
    string? DescriptionHtml,
    bool HasDescriptionHtml,
    string? Vendor,
    string? ProductType,
    IReadOnlyList<string>? Tags,
    string? Status,
    IReadOnlyList<OptionInput>? Options,
    IReadOnlyList<VariantInput>? Variants)
{
    public static readonly InputType Identifiers = new("ProductSetIdentifiers", "id", "handle", "customId");

    public static readonly InputType Product = new("ProductSetInput",
        "category", "claimOwnership", "collections", "combinedListingRole", "descriptionHtml", "files", "giftCard",
        "giftCardTemplateSuffix", "handle", "id", "metafields", "productOptions", "productType", "redirectNewHandle",
        "requiresSellingPlan", "seo", "status", "tags", "templateSuffix", "title", "variants", "vendor");

    public static readonly InputType Option = new("OptionSetInput", "id", "name", "position", "values", "linkedMetafield");

    public static readonly InputType OptionValue = new("OptionValueSetInput", "id", "name", "linkedMetafieldValue");

    public static readonly InputType Variant = new("ProductVariantSetInput",
        "barcode", "compareAtPrice", "file", "id", "inventoryItem", "inventoryPolicy", "inventoryQuantities", "metafields",
        "optionValues", "position", "price", "requiresComponents", "showUnitPrice", "sku", "taxable", "taxCode",
        "unitPriceMeasurement");

    public static readonly InputType VariantOptionValue = new("VariantOptionValueInput", "id", "name", "optionId", "optionName", "linkedMetafieldValue");

    public static readonly InputType InventoryItem = new("InventoryItemInput",
        "cost", "countryCodeOfOrigin", "countryHarmonizedSystemCodes", "harmonizedSystemCode", "measurement",
        "provinceCodeOfOrigin", "requiresShipping", "sku", "tracked");

    public static readonly InputType InventoryQuantity = new("ProductSetInventoryInput", "locationId", "name", "quantity");

    public static readonly string[] Statuses = ["ACTIVE", "ARCHIVED", "DRAFT"];

    public static ProductSetInput Read(IReadOnlyDictionary<string, JsonNode?> arguments)
    {
        var identifier = InputObject.Of(arguments, "identifier", Identifiers, required: false);
        var input = InputObject.Of(arguments, "input", Product, required: true)!;
        return new ProductSetInput(
            identifier?.String("id"),
            identifier?.String("handle"),
            input.String("id"),
            input.String("title"),
            input.String("handle"),
            input.String("descriptionHtml"),
            input.Has("descriptionHtml"),
            input.String("vendor"),
            input.String("productType"),
            input.Strings("tags"),
            input.Enum("status", "ProductStatus", Statuses),
            input.List("productOptions", Option)?.Select(o => new OptionInput(
                o.String("name", required: true)!,
                [.. (o.List("values", OptionValue) ?? []).Select(v => v.String("name", required: true)!)])).ToList(),
            input.List("variants", Variant)?.Select(ReadVariant).ToList());
    }

    private static VariantInput ReadVariant(InputObject v)
    {
        var item = v.Object("inventoryItem", InventoryItem);
        var values = v.List("optionValues", VariantOptionValue)
            ?? throw new GraphQlRequestException("Variable $input of type ProductSetInput! was provided invalid value for variants.optionValues (Expected value to not be null)", "INVALID_VARIABLE");
        return new VariantInput(
            v.String("id"),
            [.. values.Select(o => new KeyValuePair<string?, string>(o.String("optionName"), o.String("name", required: true)!))],
            v.Money("price"),
            v.Money("compareAtPrice"),
            v.Has("compareAtPrice"),
            v.String("barcode"),
            v.Has("barcode"),
            v.String("sku") ?? item?.String("sku"),
            v.Has("sku") ? "sku" : item?.Has("sku") == true ? "inventoryItem.sku" : null,
            [.. (v.List("inventoryQuantities", InventoryQuantity) ?? []).Select(q => new QuantityInput(
                q.String("locationId", required: true)!, q.String("name", required: true)!, q.Int("quantity", required: true)!.Value))]);
    }
}

/// <summary>An option and its values, in order.</summary>
internal sealed record OptionInput(string Name, IReadOnlyList<string> Values);

/// <summary>A variant of the input; <see cref="SkuField"/> is where its SKU came from (for error paths).</summary>
internal sealed record VariantInput(
    string? Id,
    IReadOnlyList<KeyValuePair<string?, string>> OptionValues,
    decimal? Price,
    decimal? CompareAtPrice,
    bool HasCompareAtPrice,
    string? Barcode,
    bool HasBarcode,
    string? Sku,
    string? SkuField,
    IReadOnlyList<QuantityInput> Quantities);

/// <summary>A quantity to set at a location when the variant is created.</summary>
internal sealed record QuantityInput(string LocationId, string Name, long Quantity);
