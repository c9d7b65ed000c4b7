using System.Text.Json;
using System.Text.Json.Serialization;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Api.Products;

/// <summary>
/// The read shape of a product's <c>details</c> column (images, options, type details, print sizes as the
/// catalog store writes them): ids derived from the product id, items in <c>sort_order</c>, images grouped by
/// color, and the type details that match <c>product_type</c> (defaults when the source sent none).
/// </summary>
public sealed record ProductDetailsView(
    IReadOnlyList<ImageRead> Images,
    IReadOnlyDictionary<string, IReadOnlyList<ImageRead>> ImagesByColor,
    IReadOnlyList<OptionRead> Options,
    ApparelDetailsRead? ApparelDetails,
    PrintDetailsRead? PrintDetails,
    IReadOnlyList<PrintSizeRead> Sizes)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static ProductDetailsView From(Guid productId, string productType, string detailsJson)
    {
        var stored = JsonSerializer.Deserialize<StoredDetails>(detailsJson, Json) ?? new StoredDetails(null, null, null, null, null);
        var images = (stored.Images ?? [])
            .Select((image, index) => (image, index))
            .OrderBy(x => x.image.SortOrder).ThenBy(x => x.index)
            .Select(x => new ImageRead(
                NameBasedGuid.Create(productId, $"image\n{x.index}\n{x.image.Url}"),
                x.image.Url, x.image.SupplierImageUrl, x.image.ImageType, x.image.Color, x.image.SortOrder, x.image.Checksum))
            .ToList();
        var options = (stored.Options ?? [])
            .OrderBy(o => o.SortOrder)
            .Select(o =>
            {
                var optionId = NameBasedGuid.Create(productId, $"option\n{o.OptionKey}");
                return new OptionRead(optionId, o.OptionKey, o.Title, o.OptionsType, o.SortOrder, null, null, o.Required, [.. o.Attributes
                    .OrderBy(a => a.SortOrder)
                    .Select(a => new OptionAttributeRead(
                        NameBasedGuid.Create(optionId, $"attribute\n{a.Title}"), a.Title, a.SortOrder, null, null, a.AttributeKey,
                        MoneyText.Normalize(a.Price), MoneyText.Normalize(a.SetupCost), MoneyText.Normalize(a.Multiplier)))]);
            })
            .ToList();
        var isPrint = productType == "print";
        var print = stored.PrintDetails ?? new PrintDetails();
        return new ProductDetailsView(
            images,
            Products.ImagesByColor.Group(images),
            options,
            isPrint ? null : new ApparelDetailsRead(stored.ApparelDetails?.PricingMethod ?? "tiered_variant", null),
            isPrint
                ? new PrintDetailsRead(print.PricingMethod, MoneyText.Normalize(print.MinWidth), MoneyText.Normalize(print.MaxWidth),
                    MoneyText.Normalize(print.MinHeight), MoneyText.Normalize(print.MaxHeight), print.SizeUnit, MoneyText.Normalize(print.BasePricePerSqUnit))
                : null,
            isPrint ? [.. (stored.Sizes ?? []).Select(s => new PrintSizeRead(MoneyText.Normalize(s.Width), MoneyText.Normalize(s.Height), s.Unit, s.Label))] : []);
    }

    /// <summary>A variant's <c>prices</c> column as read: tier prices as strings.</summary>
    public static IReadOnlyList<TierPriceRead> Prices(string pricesJson) =>
        [.. (JsonSerializer.Deserialize<List<TierPrice>>(pricesJson, Json) ?? [])
            .Select(t => new TierPriceRead(t.PriceType, t.QuantityMin, t.QuantityMax, MoneyText.TierPrice(t.Price)))];

    /// <summary>A <c>metafields</c> column as read.</summary>
    public static IReadOnlyDictionary<string, string> Metafields(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json, Json) ?? [];

    private sealed record StoredDetails(
        IReadOnlyList<ProductImage>? Images,
        IReadOnlyList<ProductOption>? Options,
        ApparelDetails? ApparelDetails,
        PrintDetails? PrintDetails,
        IReadOnlyList<PrintSize>? Sizes);
}
