using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Rules;

namespace CatalogHub.UnitTests.Ingest;

public class SetPriceRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private static CanonicalProduct Product(decimal? price = 40m, string? type = null, decimal? compareAt = null) => new()
    {
        ProductName = "Tee",
        Variants =
        [
            new CanonicalVariant
            {
                Sku = "CBS-S-BLU",
                BasePrice = price,
                PriceType = type,
                CompareAtPrice = compareAt,
                Metafields = new Dictionary<string, string> { ["vertex.product_class"] = "61000" },
            },
        ],
    };

    private static CommandApplication Set(CanonicalProduct? current, decimal price, string type, string sku = "CBS-S-BLU") =>
        ProductCommandRules.Apply(current, new SetPrice { Row = 1, Sku = sku, Price = price, PriceType = type }, Now);

    private static CanonicalVariant Priced(CanonicalProduct current, decimal price, string type)
    {
        var result = Set(current, price, type);
        Assert.Null(result.Error);
        return result.Product!.Variants[0];
    }

    [Fact]
    public void RegularSetsThePriceClearsCompareAtAndBothFlags()
    {
        var variant = Priced(Product(30m, "S", compareAt: 40m), 44.99m, "R");
        Assert.Equal(44.99m, variant.BasePrice);
        Assert.Null(variant.CompareAtPrice);
        Assert.Equal("False", variant.Metafields["custom.sale_flag"]);
        Assert.Equal("False", variant.Metafields["custom.clearance_flag"]);
        Assert.Equal("R", variant.PriceType);
    }

    [Theory]
    [InlineData("S", "True", "False")]
    [InlineData("C", "False", "True")]
    [InlineData("CS", "True", "True")]
    public void LeavingRegularMovesTheOldPriceToCompareAtAndSetsTheFlags(string type, string sale, string clearance)
    {
        var variant = Priced(Product(40m, "R"), 34.99m, type);
        Assert.Equal(34.99m, variant.BasePrice);
        Assert.Equal(40m, variant.CompareAtPrice);
        Assert.Equal(sale, variant.Metafields["custom.sale_flag"]);
        Assert.Equal(clearance, variant.Metafields["custom.clearance_flag"]);
        Assert.Equal(type, variant.PriceType);
        Assert.Equal("61000", variant.Metafields["vertex.product_class"]);
    }

    [Fact]
    public void AVariantNeverPricedByTypeCountsAsRegular() =>
        Assert.Equal(40m, Priced(Product(40m, type: null, compareAt: 99m), 30m, "S").CompareAtPrice);

    [Theory]
    [InlineData("S", "C")]
    [InlineData("C", "S")]
    [InlineData("S", "CS")]
    [InlineData("S", "S")]
    public void MovingBetweenMarkdownTypesKeepsCompareAt(string from, string to)
    {
        var variant = Priced(Product(30m, from, compareAt: 40m), 20m, to);
        Assert.Equal(20m, variant.BasePrice);
        Assert.Equal(40m, variant.CompareAtPrice);
        Assert.Equal(to, variant.PriceType);
    }

    [Fact]
    public void APriceChangeIsAppendedToTheHistory()
    {
        var variant = Priced(Product(40m, "R"), 34.99m, "S");
        Assert.Equal([new PriceChange(40m, 34.99m, "S", Now)], variant.PriceHistory);
    }

    [Theory]
    [InlineData(40, "R", 40.009, "R")]
    [InlineData(40, "S", 39.995, "S")]
    [InlineData(40, null, 40, "R")]
    public void SamePriceWithinACentAndSameTypeIsSkipped(double price, string? type, double newPrice, string newType)
    {
        var current = Product((decimal)price, type);
        var result = Set(current, (decimal)newPrice, newType);
        Assert.Null(result.Error);
        Assert.Same(current, result.Product);
    }

    [Fact]
    public void ATypeChangeWithinTheToleranceKeepsThePriceAndRecordsNoHistory()
    {
        var variant = Priced(Product(40m, "R"), 40.004m, "C");
        Assert.Equal(40m, variant.BasePrice);
        Assert.Equal(40m, variant.CompareAtPrice);
        Assert.Equal("True", variant.Metafields["custom.clearance_flag"]);
        Assert.Empty(variant.PriceHistory);
    }

    [Fact]
    public void AChangeOfExactlyACentIsAChange() =>
        Assert.Equal(40.01m, Priced(Product(40m, "R"), 40.01m, "R").BasePrice);

    [Fact]
    public void AVariantWithoutAPriceGetsOne()
    {
        var variant = Priced(Product(price: null), 5m, "R");
        Assert.Equal(5m, variant.BasePrice);
        Assert.Equal([new PriceChange(null, 5m, "R", Now)], variant.PriceHistory);
    }

    [Fact]
    public void AnUnknownTypeInACommandIsRegular() => Assert.Equal("R", Priced(Product(40m, "S", 50m), 45m, "Z").PriceType);

    [Fact]
    public void ANegativePriceIsAValidationError()
    {
        var current = Product();
        var result = Set(current, -1m, "R");
        Assert.Same(current, result.Product);
        Assert.Equal(EntryErrorType.Validation, result.Error!.Type);
        Assert.Equal("price", result.Error.Field);
    }

    [Fact]
    public void AnUnknownSkuOrProductIsAResolutionError()
    {
        Assert.Equal(new EntryError(EntryErrorType.Resolution, "SKU not found: NOPE", "sku"), Set(Product(), 1m, "R", "NOPE").Error);
        Assert.Equal(EntryErrorType.Resolution, Set(null, 1m, "R").Error!.Type);
    }
}
