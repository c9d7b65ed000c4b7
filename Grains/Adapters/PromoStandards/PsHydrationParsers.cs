using System.Globalization;
using System.Xml.Linq;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>Reads the PPC, Media and Inventory replies of one product (promostandards.md §5–§7).</summary>
public static class PsHydrationParsers
{
    /// <summary>
    /// Quantity breaks per partId of the group-1 parts (the main product; a blank catalog's prices), sorted
    /// by minimum quantity, one per minimum.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PsPriceBreak>> Pricing(XElement response)
    {
        const string operation = "getConfigurationAndPricing";
        var configuration = response.Child("Configuration") ?? throw PsErrors.Malformed(operation, "no Configuration in the reply");
        var byPart = new Dictionary<string, List<PsPriceBreak>>(StringComparer.Ordinal);
        foreach (var part in configuration.Items("PartArray", "Part"))
        {
            var partId = part.ChildText("partId");
            if (partId is null || (part.Int("partGroup", operation) ?? 1) != 1)
            {
                continue;
            }

            var breaks = byPart.TryGetValue(partId, out var list) ? list : byPart[partId] = [];
            foreach (var price in part.Items("PartPriceArray", "PartPrice"))
            {
                var min = price.Int("minQuantity", operation) ?? throw PsErrors.Malformed(operation, "PartPrice without minQuantity");
                var amount = price.Decimal("price", operation) ?? throw PsErrors.Malformed(operation, "PartPrice without price");
                breaks.Add(new PsPriceBreak(min, amount));
            }
        }

        return byPart.ToDictionary(
            p => p.Key,
            p => (IReadOnlyList<PsPriceBreak>)[.. p.Value.DistinctBy(b => b.MinQuantity).OrderBy(b => b.MinQuantity)],
            StringComparer.Ordinal);
    }

    /// <summary>The images with a URL, in the supplier's order (an absent MediaContentArray is none).</summary>
    public static IReadOnlyList<PsMedia> Media(XElement response)
    {
        const string operation = "getMediaContent";
        return
        [
            .. response.Items("MediaContentArray", "MediaContent")
                .Where(m => m.ChildText("mediaType") is null or "Image" && m.ChildText("url") is not null)
                .Select(m => new PsMedia(
                    m.ChildText("url")!,
                    m.ChildText("partId"),
                    m.ChildText("color"),
                    [.. m.Items("ClassTypeArray", "ClassType").Select(c => new PsClassType(c.Int("classTypeId", operation) ?? 0, c.ChildText("classTypeName")))])),
        ];
    }

    /// <summary>Stock per part: the total, per location, and future availability summed as incoming.</summary>
    public static IReadOnlyList<PsPartInventory> Inventory(XElement response)
    {
        const string operation = "getInventoryLevels";
        var inventory = response.Child("Inventory") ?? throw PsErrors.Malformed(operation, "no Inventory in the reply");
        return
        [
            .. inventory.Items("PartInventoryArray", "PartInventory")
                .Where(p => p.ChildText("partId") is not null)
                .Select(p => new PsPartInventory(
                    p.ChildText("partId")!,
                    p.Bool("mainPart", operation) ?? true,
                    Quantity(p.Child("quantityAvailable"), operation),
                    [.. p.Items("InventoryLocationArray", "InventoryLocation")
                        .Where(l => l.ChildText("inventoryLocationId") is not null)
                        .Select(l => new PsLocationStock(l.ChildText("inventoryLocationId")!, Quantity(l.Child("inventoryLocationQuantity"), operation) ?? 0))],
                    p.Items("InventoryLocationArray", "InventoryLocation")
                        .SelectMany(l => l.Items("FutureAvailabilityArray", "FutureAvailability"))
                        .Sum(f => Quantity(f, operation) ?? 0))),
        ];
    }

    /// <summary><c>wrapper/Quantity/value</c> as whole units (fractions dropped); null when absent.</summary>
    private static long? Quantity(XElement? wrapper, string operation)
    {
        var value = wrapper.Child("Quantity").ChildText("value");
        if (value is null)
        {
            return null;
        }

        return decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) && quantity >= 0 && quantity < long.MaxValue
            ? (long)decimal.Truncate(quantity)
            : throw PsErrors.Malformed(operation, $"quantity '{PsXml.Shorten(value)}' is not a valid value");
    }
}
