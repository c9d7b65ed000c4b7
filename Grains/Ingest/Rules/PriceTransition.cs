using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Rules;

/// <summary>Seed 002's price type behaviour: what a price entry of type R, S, C or CS does to one variant.</summary>
public static class PriceTransition
{
    /// <summary>Prices closer than this are the same price (seed 002's "$0.01 tolerance").</summary>
    public const decimal Tolerance = 0.01m;

    /// <summary>Whether <paramref name="from"/> → <paramref name="to"/> is a price change (a missing price always changes).</summary>
    public static bool Changes(decimal? from, decimal? to) =>
        from is null || to is null ? from != to : Math.Abs(to.Value - from.Value) >= Tolerance;

    /// <summary>
    /// <paramref name="variant"/> after a price entry (<paramref name="price"/>, <paramref name="type"/> R/S/C/CS):
    /// unchanged (the same instance) when the price is within the tolerance and the type is the variant's (no type
    /// counts as R). Otherwise: the price when it changes (and a <see cref="PriceChange"/> appended); compare-at
    /// cleared for R, set to the old price when S/C/CS follows R (or no type), kept when it follows S/C/CS; the
    /// sale and clearance flags per type; the new type.
    /// </summary>
    public static CanonicalVariant Apply(CanonicalVariant variant, decimal price, string type, DateTimeOffset now)
    {
        type = PriceTypes.Normalize(type);
        var oldType = variant.PriceType is null ? PriceTypes.Regular : PriceTypes.Normalize(variant.PriceType);
        var priceChanges = Changes(variant.BasePrice, price);
        if (!priceChanges && oldType == type)
        {
            return variant;
        }

        var compareAt = type == PriceTypes.Regular ? null
            : oldType == PriceTypes.Regular ? variant.BasePrice
            : variant.CompareAtPrice;
        var metafields = new Dictionary<string, string>(variant.Metafields, StringComparer.Ordinal)
        {
            [PriceTypes.SaleFlag] = PriceTypes.IsSale(type) ? "True" : "False",
            [PriceTypes.ClearanceFlag] = PriceTypes.IsClearance(type) ? "True" : "False",
        };
        return variant with
        {
            BasePrice = priceChanges ? price : variant.BasePrice,
            CompareAtPrice = compareAt,
            Metafields = metafields,
            PriceType = type,
            PriceHistory = priceChanges ? [.. variant.PriceHistory, new PriceChange(variant.BasePrice, price, type, now)] : variant.PriceHistory,
        };
    }
}
