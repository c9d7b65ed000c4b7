using System.Globalization;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Adapters.PromoStandards;

/// <summary>
/// The four replies of one product → the canonical product (seed 004's shape). Rules, in
/// docs/promostandards-adapter.md's mapping table: apparel when any part has an ApparelSize, else print;
/// one variant per part (SKU = partId); tiers from PPC with quantity_max = next minimum − 1 and
/// base_price = the lowest-quantity tier; inventory = quantityAvailable (else the locations' sum), warehouse =
/// the location holding most (first on ties); images de-duplicated by URL in the supplier's order.
/// </summary>
public static class PsNormalizer
{
    /// <summary>Media classTypes in the order they qualify as the primary image (1006 Primary, 1007 Front, 1001 Blank, 2001 High).</summary>
    private static readonly int[] PrimaryPrecedence = [1006, 1007, 1001, 2001];

    public static CanonicalProduct Normalize(
        PsProduct product,
        IReadOnlyDictionary<string, IReadOnlyList<PsPriceBreak>> prices,
        IReadOnlyList<PsMedia> media,
        IReadOnlyList<PsPartInventory> inventory,
        string priceType)
    {
        var parts = product.Parts.DistinctBy(p => p.PartId, StringComparer.Ordinal).ToList();
        var apparel = parts.Any(p => p.LabelSize is not null);
        var stock = inventory.Where(i => i.MainPart).GroupBy(i => i.PartId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var variants = parts.Select(p => Variant(p, apparel, prices.GetValueOrDefault(p.PartId) ?? [], stock.GetValueOrDefault(p.PartId), priceType)).ToList();
        var colorOfPart = parts.Where(p => p.ColorName is not null).ToDictionary(p => p.PartId, p => p.ColorName!, StringComparer.Ordinal);
        var images = media.DistinctBy(m => m.Url, StringComparer.Ordinal).Select((m, i) => new ProductImage
        {
            Url = m.Url,
            ImageType = m.ClassTypes.FirstOrDefault(c => c.Name is not null)?.Name!.ToLowerInvariant(),
            Color = m.Color ?? (m.PartId is null ? null : colorOfPart.GetValueOrDefault(m.PartId)),
            SortOrder = i,
        }).ToList();

        var canonical = new CanonicalProduct
        {
            ProductName = product.ProductName,
            ProductType = apparel ? ProductType.Apparel : ProductType.Print,
            SupplierSku = product.ProductId,
            Brand = product.Brand,
            Category = product.Category,
            Description = Description(product.Descriptions),
            ImageUrl = product.PrimaryImageUrl ?? PrimaryImage(media),
            Tags = product.IsCloseout ? ["closeout"] : [],
            Variants = variants,
            Images = images,
            Options = Options(product.Locations),
            ApparelDetails = apparel ? new ApparelDetails() : null,
            PrintDetails = apparel ? null : PrintDetails(parts),
            Sizes = apparel ? [] : PrintSizes(parts),
        };

        var problems = ProductRules.Check(canonical);
        return problems.Count == 0
            ? canonical
            : throw new SupplierRejectedException($"getProduct: the reply does not make a valid product: {string.Join("; ", problems)}");
    }

    private static CanonicalVariant Variant(PsPart part, bool apparel, IReadOnlyList<PsPriceBreak> breaks, PsPartInventory? stock, string priceType)
    {
        var size = apparel ? ApparelSize(part) : PrintLabel(part.Dimension);
        var tiers = breaks.Select((b, i) => new TierPrice(priceType, b.MinQuantity, i + 1 < breaks.Count ? breaks[i + 1].MinQuantity - 1 : null, b.Price)).ToList();
        var warehouse = stock?.Locations.Select((l, i) => (l, i)).OrderByDescending(x => x.l.Quantity).ThenBy(x => x.i).Select(x => x.l.LocationId).FirstOrDefault();
        return new CanonicalVariant
        {
            Sku = part.PartId,
            Color = part.ColorName,
            Size = size,
            OptionValues = [.. new[] { ("Color", part.ColorName), ("Size", size) }.Where(o => o.Item2 is not null).Select(o => new OptionValue(o.Item1, o.Item2!))],
            Barcode = part.Gtin,
            BasePrice = tiers.Count > 0 ? tiers[0].Price : null,
            Prices = tiers,
            Inventory = stock is null ? 0 : stock.QuantityAvailable ?? stock.Locations.Sum(l => l.Quantity),
            Incoming = stock?.Incoming ?? 0,
            Warehouse = warehouse,
        };
    }

    /// <summary>labelSize, or customSize when labelSize is CUSTOM.</summary>
    private static string? ApparelSize(PsPart part) =>
        part.LabelSize == "CUSTOM" ? part.CustomSize ?? part.LabelSize : part.LabelSize;

    /// <summary>A print part's size label, e.g. <c>24x36 in</c>.</summary>
    private static string? PrintLabel(PsDimension? d) => d is { Width: { } w, Height: { } h }
        ? string.Create(CultureInfo.InvariantCulture, $"{w}x{h}{(d.Uom is null ? "" : " " + d.Uom.ToLowerInvariant())}")
        : null;

    private static PrintDetails? PrintDetails(IReadOnlyList<PsPart> parts)
    {
        var dims = parts.Select(p => p.Dimension).Where(d => d is { Width: not null, Height: not null }).Select(d => d!).ToList();
        return dims.Count == 0 ? new PrintDetails() : new PrintDetails
        {
            MinWidth = dims.Min(d => d.Width),
            MaxWidth = dims.Max(d => d.Width),
            MinHeight = dims.Min(d => d.Height),
            MaxHeight = dims.Max(d => d.Height),
            SizeUnit = dims.Select(d => d.Uom).FirstOrDefault(u => u is not null)?.ToLowerInvariant(),
        };
    }

    private static IReadOnlyList<PrintSize> PrintSizes(IReadOnlyList<PsPart> parts) =>
    [
        .. parts.Select(p => p.Dimension).Where(d => d is { Width: not null, Height: not null }).Select(d => d!)
            .DistinctBy(d => (d.Width, d.Height, d.Uom))
            .Select(d => new PrintSize(d.Width!.Value, d.Height!.Value, d.Uom?.ToLowerInvariant() ?? "in", PrintLabel(d))),
    ];

    /// <summary>One description as it is; several as one bullet line each.</summary>
    private static string? Description(IReadOnlyList<string> descriptions) => descriptions.Count switch
    {
        0 => null,
        1 => descriptions[0],
        _ => string.Join('\n', descriptions.Select(d => "• " + d)),
    };

    private static string? PrimaryImage(IReadOnlyList<PsMedia> media)
    {
        foreach (var classType in PrimaryPrecedence)
        {
            if (media.FirstOrDefault(m => m.ClassTypes.Any(c => c.Id == classType)) is { } image)
            {
                return image.Url;
            }
        }

        return media.Count > 0 ? media[0].Url : null;
    }

    /// <summary>The supplier's decoration locations as one "imprint_location" option.</summary>
    private static IReadOnlyList<ProductOption> Options(IReadOnlyList<PsDecorationLocation> locations)
    {
        var names = locations.Select(l => l.Name).Distinct(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? [] :
        [
            new ProductOption
            {
                OptionKey = "imprint_location",
                Title = "Imprint Location",
                Attributes = [.. names.Select((n, i) => new OptionAttribute { Title = n, SortOrder = i })],
            },
        ];
    }
}
