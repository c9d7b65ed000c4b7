using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Rules;

/// <summary>What a products or POS entry (<see cref="PutProduct"/>) does: the entry is the product's full description.</summary>
public static class ProductReplacement
{
    /// <summary>
    /// <paramref name="entry"/>, keeping from <paramref name="current"/>, per variant SKU, what entries do not own:
    /// inventory, incoming and their levels, the price type and the price history. A variant's price that changes
    /// by at least the tolerance (or a new variant's first price) appends a <see cref="PriceChange"/>; a change
    /// within the tolerance keeps the current price. Nothing else of the current product is kept.
    /// </summary>
    public static CanonicalProduct Apply(CanonicalProduct? current, CanonicalProduct entry, DateTimeOffset now)
    {
        var stored = (current?.Variants ?? []).DistinctBy(v => v.Sku, StringComparer.Ordinal).ToDictionary(v => v.Sku, StringComparer.Ordinal);
        return entry with { Variants = [.. entry.Variants.Select(v => Merge(stored.GetValueOrDefault(v.Sku), v, now))] };
    }

    private static CanonicalVariant Merge(CanonicalVariant? stored, CanonicalVariant entry, DateTimeOffset now)
    {
        if (stored is null)
        {
            return entry with
            {
                PriceHistory = entry.BasePrice is { } first ? [new PriceChange(null, first, Type(entry.PriceType), now)] : [],
            };
        }

        var changes = PriceTransition.Changes(stored.BasePrice, entry.BasePrice);
        return entry with
        {
            BasePrice = changes ? entry.BasePrice : stored.BasePrice,
            Inventory = stored.Inventory,
            Incoming = stored.Incoming,
            Levels = stored.Levels,
            PriceType = stored.PriceType,
            PriceHistory = changes && entry.BasePrice is { } price
                ? [.. stored.PriceHistory, new PriceChange(stored.BasePrice, price, Type(stored.PriceType), now)]
                : stored.PriceHistory,
        };
    }

    private static string Type(string? type) => PriceTypes.Normalize(type);
}
