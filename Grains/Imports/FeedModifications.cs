using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Imports.Feed;

namespace CatalogHub.Grains.Imports;

/// <summary>Applies one modification of an attributes import to a product's stored content. Pure, unit-tested.</summary>
public static class FeedModifications
{
    public static CanonicalProduct Apply(CanonicalProduct product, FeedModification m)
    {
        var set = m.Set;
        if (m.Sku is null)
        {
            return product with
            {
                ProductName = set.Name ?? product.ProductName,
                Brand = set.Brand ?? product.Brand,
                Description = set.Description ?? product.Description,
                Metafields = Merge(product.Metafields, m.Attributes),
            };
        }

        return product with
        {
            Variants = [.. product.Variants.Select(v => v.Sku != m.Sku ? v : v with
            {
                BasePrice = set.Price ?? v.BasePrice,
                CompareAtPrice = set.CompareAtPrice ?? v.CompareAtPrice,
                Cost = set.Cost ?? v.Cost,
                Barcode = set.Barcode ?? v.Barcode,
                // A feed's stock is the variant's whole stock: it replaces quantities kept per location.
                Inventory = set.Stock ?? v.Inventory,
                Levels = set.Stock is null ? v.Levels : [],
                Metafields = Merge(v.Metafields, m.Attributes),
            })],
        };
    }

    /// <summary>Sets each attribute's metafield, or removes it for a null value.</summary>
    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> metafields, IReadOnlyList<FeedAttribute> attributes)
    {
        if (attributes.Count == 0)
        {
            return metafields;
        }

        var merged = new Dictionary<string, string>(metafields, StringComparer.Ordinal);
        foreach (var a in attributes)
        {
            if (a.Value is null)
            {
                merged.Remove(a.Metafield);
            }
            else
            {
                merged[a.Metafield] = a.Value;
            }
        }

        return merged;
    }
}
