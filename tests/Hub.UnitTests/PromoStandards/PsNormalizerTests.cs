using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Adapters.PromoStandards;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.UnitTests.PromoStandards;

public class PsNormalizerTests
{
    private static readonly PsProduct Tee = new(
        "TS100", "Classic Cotton Tee", ["5.3 oz.", "Tear-away label."], "Acme Basics", "Apparel", null,
        [
            new PsPart("TS100-BLK-M", "Jet Black", "M", null, null, "00012345678905"),
            new PsPart("TS100-BLK-XXL", "Jet Black", "CUSTOM", "XXL Tall", null, null),
            new PsPart("TS100-BLK-M", "Jet Black", "M", null, null, null),
        ],
        [new PsDecorationLocation("Front", "Screen Print"), new PsDecorationLocation("Back", null), new PsDecorationLocation("Front", "Embroidery")],
        ["1"],
        IsCloseout: true);

    private static readonly Dictionary<string, IReadOnlyList<PsPriceBreak>> Prices = new()
    {
        ["TS100-BLK-M"] = [new PsPriceBreak(1, 4.25m), new PsPriceBreak(12, 4.00m), new PsPriceBreak(72, 3.90m)],
    };

    private static readonly PsMedia[] Media =
    [
        new("https://img/front.jpg", "TS100-BLK-M", null, [new PsClassType(1007, "Front")]),
        new("https://img/primary.jpg", null, null, [new PsClassType(1006, "Primary")]),
        new("https://img/front.jpg", "TS100-BLK-XXL", "Jet Black", [new PsClassType(1007, "Front")]),
        new("https://img/rear.jpg", null, "Jet Black", [new PsClassType(1008, "Rear")]),
    ];

    private static readonly PsPartInventory[] Stock =
    [
        new("TS100-BLK-M", true, null, [new PsLocationStock("DAL", 5), new PsLocationStock("RNO", 9), new PsLocationStock("JAX", 9)], 40),
        new("TS100-BLK-XXL", true, 3, [new PsLocationStock("DAL", 1)], 0),
        new("TS100-BLK-XXL", false, 999, [], 0),
    ];

    private static CanonicalProduct Normalize(PsProduct? product = null) => PsNormalizer.Normalize(product ?? Tee, Prices, Media, Stock, "Net");

    [Fact]
    public void PartsWithApparelSizesMakeAnApparelProductOfOneVariantPerPart()
    {
        var p = Normalize();
        Assert.Equal(ProductType.Apparel, p.ProductType);
        Assert.NotNull(p.ApparelDetails);
        Assert.Null(p.PrintDetails);
        Assert.Equal(["TS100-BLK-M", "TS100-BLK-XXL"], p.Variants.Select(v => v.Sku));
        Assert.Equal(("Jet Black", "M", "00012345678905"), (p.Variants[0].Color, p.Variants[0].Size, p.Variants[0].Barcode));
        Assert.Equal("XXL Tall", p.Variants[1].Size);
        Assert.Equal([new OptionValue("Color", "Jet Black"), new OptionValue("Size", "M")], p.Variants[0].OptionValues);
    }

    [Fact]
    public void TiersEndWhereTheNextBeginsAndTheBasePriceIsTheLowestQuantityTier()
    {
        var v = Normalize().Variants[0];
        Assert.Equal([new TierPrice("Net", 1, 11, 4.25m), new TierPrice("Net", 12, 71, 4.00m), new TierPrice("Net", 72, null, 3.90m)], v.Prices);
        Assert.Equal(4.25m, v.BasePrice);
        var unpriced = Normalize().Variants[1];
        Assert.Null(unpriced.BasePrice);
        Assert.Empty(unpriced.Prices);
    }

    [Fact]
    public void InventoryIsTheSupplierTotalElseTheLocationsSumAndTheWarehouseHoldsMost()
    {
        var (m, xxl) = (Normalize().Variants[0], Normalize().Variants[1]);
        Assert.Equal((23L, "RNO", 40L), (m.Inventory, m.Warehouse, m.Incoming));
        Assert.Equal((3L, "DAL"), (xxl.Inventory, xxl.Warehouse));
    }

    [Fact]
    public void ImagesAreDeduplicatedInSupplierOrderWithColorsAndThePrimaryImageIsChosenByClassType()
    {
        var p = Normalize();
        Assert.Equal(["https://img/front.jpg", "https://img/primary.jpg", "https://img/rear.jpg"], p.Images.Select(i => i.Url));
        Assert.Equal([0, 1, 2], p.Images.Select(i => i.SortOrder));
        Assert.Equal(["Jet Black", null, "Jet Black"], p.Images.Select(i => i.Color));
        Assert.Equal(["front", "primary", "rear"], p.Images.Select(i => i.ImageType));
        Assert.Equal("https://img/primary.jpg", p.ImageUrl);
        Assert.Equal("https://img/given.jpg", Normalize(Tee with { PrimaryImageUrl = "https://img/given.jpg" }).ImageUrl);
    }

    [Fact]
    public void DecorationLocationsBecomeOneImprintLocationOption()
    {
        var option = Assert.Single(Normalize().Options);
        Assert.Equal(("imprint_location", "Imprint Location"), (option.OptionKey, option.Title));
        Assert.Equal(["Front", "Back"], option.Attributes.Select(a => a.Title));
        Assert.Empty(Normalize(Tee with { Locations = [] }).Options);
    }

    [Fact]
    public void ProductFieldsDescriptionsAsBulletsAndCloseoutAsATag()
    {
        var p = Normalize();
        Assert.Equal(("Classic Cotton Tee", "TS100", "Acme Basics", "Apparel"), (p.ProductName, p.SupplierSku, p.Brand, p.Category));
        Assert.Equal("• 5.3 oz.\n• Tear-away label.", p.Description);
        Assert.Equal(["closeout"], p.Tags);
        Assert.Equal("One line.", Normalize(Tee with { Descriptions = ["One line."], IsCloseout = false }).Description);
    }

    [Fact]
    public void PartsWithoutApparelSizesMakeAPrintProductWithSizesFromTheirDimensions()
    {
        var banner = new PsProduct("B1", "Vinyl Banner", [], null, "Print", null,
        [
            new PsPart("B1-WHT-24x36", "White", null, null, new PsDimension("IN", 24, 36), null),
            new PsPart("B1-WHT-48x96", "White", null, null, new PsDimension("IN", 48, 96), null),
            new PsPart("B1-BLK-24x36", "Black", null, null, new PsDimension("IN", 24, 36), null),
        ], [], ["1"], false);
        var p = PsNormalizer.Normalize(banner, new Dictionary<string, IReadOnlyList<PsPriceBreak>>(), [], [], "List");
        Assert.Equal(ProductType.Print, p.ProductType);
        Assert.Null(p.ApparelDetails);
        Assert.Equal(["24x36 in", "48x96 in", "24x36 in"], p.Variants.Select(v => v.Size));
        Assert.Equal((24m, 48m, 36m, 96m, "in"), (p.PrintDetails!.MinWidth, p.PrintDetails.MaxWidth, p.PrintDetails.MinHeight, p.PrintDetails.MaxHeight, p.PrintDetails.SizeUnit));
        Assert.Equal([new PrintSize(24, 36, "in", "24x36 in"), new PrintSize(48, 96, "in", "48x96 in")], p.Sizes);
        Assert.Null(p.ImageUrl);
    }

    [Fact]
    public void TheResultIsAProductTheCatalogAccepts()
    {
        var content = ProductContent.Prepare(new ProductKey("supplier:test", "TS100"), Normalize());
        Assert.Equal(2, content.VariantCount);
        Assert.Equal(26, content.TotalInventory);
    }

    [Fact]
    public void ASupplierPriceTheCatalogCannotHoldIsRejected()
    {
        var prices = new Dictionary<string, IReadOnlyList<PsPriceBreak>> { ["TS100-BLK-M"] = [new PsPriceBreak(1, -1m)] };
        var error = Assert.Throws<SupplierRejectedException>(() => PsNormalizer.Normalize(Tee, prices, [], [], "List"));
        Assert.Contains("negative price", error.Message);
    }
}
