namespace CatalogHub.Grains.Catalog;

/// <summary>
/// What any product must satisfy before it is written, whatever its source. One more rule needs the
/// database: a <c>category_id</c> must name an existing category. The store checks it in the write statement
/// itself, and the grain reports both kinds as <see cref="ProductValidationException"/> (field <c>product</c>
/// for these rules, <c>category_id</c> for the category).
/// </summary>
public static class ProductRules
{
    /// <summary>Money columns are numeric(18,4): amounts must stay below this.</summary>
    public const decimal MaxMoney = 100_000_000_000_000m;

    /// <summary>Every SKU at most this long (the store keeps text, but SKUs are identifiers).</summary>
    public const int MaxSkuLength = 255;

    /// <summary>The problems of <paramref name="product"/>; empty when it can be written.</summary>
    public static IReadOnlyList<string> Check(CanonicalProduct product)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(product.ProductName))
        {
            problems.Add("product_name is required");
        }

        if (ContainsNul(product))
        {
            problems.Add("text values must not contain NUL (\\u0000) characters");
        }

        var skus = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in product.Variants)
        {
            if (string.IsNullOrWhiteSpace(v.Sku) || v.Sku.Length > MaxSkuLength)
            {
                problems.Add($"variant sku must be 1 to {MaxSkuLength} characters");
            }
            else if (!skus.Add(v.Sku))
            {
                problems.Add($"variant sku '{v.Sku}' appears twice");
            }

            if (v.OptionValues.Count > 3)
            {
                problems.Add($"variant '{v.Sku}' has {v.OptionValues.Count} option values; at most 3");
            }

            if (v.BasePrice < 0 || v.CompareAtPrice < 0 || v.Cost < 0 || v.Prices.Any(p => p.Price < 0))
            {
                problems.Add($"variant '{v.Sku}' has a negative price");
            }

            if (v.BasePrice >= MaxMoney || v.CompareAtPrice >= MaxMoney || v.Cost >= MaxMoney || v.Prices.Any(p => p.Price >= MaxMoney))
            {
                problems.Add($"variant '{v.Sku}' has a price too large for the catalog (at most {MaxMoney - 0.0001m})");
            }

            if (v.Prices.Any(p => p.QuantityMin < 0 || p.QuantityMax < p.QuantityMin))
            {
                problems.Add($"variant '{v.Sku}' has a price tier whose quantity range is empty or negative");
            }
        }

        return problems;
    }

    /// <summary>PostgreSQL text cannot hold NUL: finds one anywhere in the product's strings.</summary>
    private static bool ContainsNul(CanonicalProduct product)
    {
        static bool Nul(string? s) => s is not null && s.Contains('\0', StringComparison.Ordinal);
        static bool NulIn(IReadOnlyDictionary<string, string> map) => map.Any(kv => Nul(kv.Key) || Nul(kv.Value));
        return Nul(product.ProductName) || Nul(product.StoreNumber) || Nul(product.SupplierSku) || Nul(product.Brand)
            || Nul(product.Category) || Nul(product.Description) || Nul(product.ImageUrl) || Nul(product.OpsProductId)
            || Nul(product.ExternalCatalogue) || Nul(product.Handle) || product.Tags.Any(Nul) || NulIn(product.Metafields)
            || product.Variants.Any(v => Nul(v.Sku) || Nul(v.Color) || Nul(v.Size) || Nul(v.Barcode) || Nul(v.Warehouse)
                || NulIn(v.Metafields) || v.OptionValues.Any(o => Nul(o.Name) || Nul(o.Value)) || v.Prices.Any(p => Nul(p.PriceType)))
            || product.Images.Any(i => Nul(i.Url) || Nul(i.SupplierImageUrl) || Nul(i.ImageType) || Nul(i.Color) || Nul(i.Checksum))
            || product.Options.Any(o => Nul(o.OptionKey) || Nul(o.Title) || Nul(o.OptionsType)
                || o.Attributes.Any(a => Nul(a.Title) || Nul(a.AttributeKey)))
            || product.Sizes.Any(z => Nul(z.Unit) || Nul(z.Label)) || Nul(product.PrintDetails?.SizeUnit);
    }
}
