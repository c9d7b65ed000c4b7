using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's ProductData (a products entry's <c>data</c>) as a product of a store's catalog.</summary>
public static class ProductEntryMapper
{
    /// <summary>
    /// Maps <paramref name="data"/> to the product of store <paramref name="storeNumber"/>: handle given or generated
    /// from the title, numeric SKUs padded to 9 digits, up to 3 option dimensions, metafields normalized.
    /// </summary>
    public static EntryMapping<CanonicalProduct> Map(JsonElement data, string storeNumber)
    {
        var reader = new EntryReader(data);
        var title = reader.Text("title");
        var givenHandle = reader.Text("handle", HandleFormat.MaxLength);
        var product = new CanonicalProduct
        {
            ProductName = "",
            StoreNumber = storeNumber,
            Brand = reader.Text("vendor"),
            Category = reader.Text("product_type"),
            Description = reader.String("description", int.MaxValue) is { } d && !string.IsNullOrWhiteSpace(d) ? d : null,
            Tags = Tags(reader.String("tags", int.MaxValue)),
            Published = reader.Boolean("published") ?? true,
            Metafields = MetafieldMapper.Read(reader, "metafields"),
        };
        var variantData = reader.Element("variants", JsonValueKind.Array);
        var handle = reader.Error is null ? Handle(reader, title, givenHandle) : null;
        if (reader.Error is null && (variantData is not { } array || array.GetArrayLength() == 0))
        {
            reader.Invalid("variants", "At least one variant is required");
        }

        if (reader.Error is { } error)
        {
            return EntryMapping.Fail<CanonicalProduct>(error);
        }

        var variants = new List<CanonicalVariant>();
        foreach (var element in variantData!.Value.EnumerateArray())
        {
            var variant = VariantEntryMapper.Map(element, variants.Count + 1);
            if (variant.Error is not null)
            {
                return EntryMapping.Fail<CanonicalProduct>(variant.Error);
            }

            if (variants.Any(v => v.Sku == variant.Value!.Sku))
            {
                return EntryMapping.Fail<CanonicalProduct>(
                    EntryError.Validation($"variants[{variants.Count + 1}]: SKU {variant.Value!.Sku} appears twice in this product", "sku"));
            }

            variants.Add(variant.Value!);
        }

        var images = Images(variants);
        return StoreProduct.Checked(product with
        {
            ProductName = title ?? handle!,
            Handle = handle,
            Variants = variants,
            Options = ProductOptionsBuilder.From(variants),
            Images = images,
            ImageUrl = images.FirstOrDefault()?.Url,
        });
    }

    /// <summary>The given handle when valid; else the one generated from the title.</summary>
    private static string? Handle(EntryReader reader, string? title, string? given)
    {
        if (given is not null)
        {
            if (!HandleFormat.IsValid(given))
            {
                reader.Invalid("handle", "handle must be lowercase letters, digits and hyphens, not starting or ending with a hyphen");
            }

            return given;
        }

        if (title is null)
        {
            reader.Invalid("title", "title is required when no handle is given");
            return null;
        }

        var generated = HandleFormat.Generate(title);
        if (generated.Length == 0)
        {
            reader.Invalid("title", "title has no letters or digits to make a handle from; send a handle");
        }

        return generated;
    }

    /// <summary>Comma-separated tags, trimmed, blanks and repeats dropped.</summary>
    private static IReadOnlyList<string> Tags(string? tags) =>
        tags is null ? [] : [.. tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)];

    /// <summary>The product's images: the distinct variant images in variant order, each with the color of its first variant.</summary>
    private static List<ProductImage> Images(List<CanonicalVariant> variants) =>
        [.. variants.Where(v => v.ImageUrl is not null)
            .DistinctBy(v => v.ImageUrl, StringComparer.Ordinal)
            .Select((v, i) => new ProductImage { Url = v.ImageUrl!, Color = v.Color, SortOrder = i })];
}
