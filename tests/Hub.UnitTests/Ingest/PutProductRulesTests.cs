using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Rules;

namespace CatalogHub.UnitTests.Ingest;

public class PutProductRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Earlier = Now.AddDays(-3);

    private static CanonicalProduct Product(params CanonicalVariant[] variants) => new()
    {
        ProductName = "Tee",
        StoreNumber = "2299",
        Handle = "tee",
        Variants = variants,
    };

    private static CanonicalProduct Put(CanonicalProduct? current, CanonicalProduct entry)
    {
        var result = ProductCommandRules.Apply(current, new PutProduct { Row = 1, Product = entry }, Now);
        Assert.Null(result.Error);
        return result.Product!;
    }

    private static CanonicalVariant Stocked(string sku, decimal price) => new()
    {
        Sku = sku,
        BasePrice = price,
        Inventory = 7,
        Incoming = 2,
        Levels = [new InventoryLevel("2299", 7, 2)],
        PriceType = "S",
        CompareAtPrice = 30m,
        PriceHistory = [new PriceChange(null, 30m, "R", Earlier), new PriceChange(30m, price, "S", Earlier)],
    };

    [Fact]
    public void ANewProductIsTheEntryWithEachFirstPriceInItsHistory()
    {
        var product = Put(null, Product(new CanonicalVariant { Sku = "A", BasePrice = 19.99m }, new CanonicalVariant { Sku = "B" }));
        Assert.Equal([new PriceChange(null, 19.99m, "R", Now)], product.Variants[0].PriceHistory);
        Assert.Empty(product.Variants[1].PriceHistory);
        Assert.Null(product.Variants[0].PriceType);
    }

    [Fact]
    public void AnUpdateKeepsInventoryLevelsPriceTypeAndHistoryOfEachSku()
    {
        var current = Product(Stocked("A", 25m));
        var entry = Product(new CanonicalVariant { Sku = "A", BasePrice = 25m, CompareAtPrice = 40m, Barcode = "123" }) with { Description = "new" };
        var variant = Put(current, entry).Variants[0];
        Assert.Equal(7, variant.Inventory);
        Assert.Equal(2, variant.Incoming);
        Assert.Equal(current.Variants[0].Levels, variant.Levels);
        Assert.Equal("S", variant.PriceType);
        Assert.Equal(current.Variants[0].PriceHistory, variant.PriceHistory);
        Assert.Equal(40m, variant.CompareAtPrice);
        Assert.Equal("123", variant.Barcode);
    }

    [Fact]
    public void NothingElseOfTheCurrentProductIsKept()
    {
        var current = Product(Stocked("A", 25m), Stocked("B", 25m)) with
        {
            Description = "old",
            Tags = ["old"],
            Metafields = new Dictionary<string, string> { ["custom.old"] = "1" },
        };
        var product = Put(current, Product(new CanonicalVariant { Sku = "A", BasePrice = 25m }));
        Assert.Null(product.Description);
        Assert.Empty(product.Tags);
        Assert.Empty(product.Metafields);
        Assert.Equal(["A"], product.Variants.Select(v => v.Sku));
    }

    [Fact]
    public void APriceChangeOfAtLeastACentIsAppendedToTheHistoryWithTheCurrentType()
    {
        var current = Product(Stocked("A", 25m));
        var variant = Put(current, Product(new CanonicalVariant { Sku = "A", BasePrice = 24.99m })).Variants[0];
        Assert.Equal(24.99m, variant.BasePrice);
        Assert.Equal(3, variant.PriceHistory.Count);
        Assert.Equal(new PriceChange(25m, 24.99m, "S", Now), variant.PriceHistory[^1]);
    }

    [Fact]
    public void APriceChangeWithinTheToleranceKeepsTheCurrentPriceAndHistory()
    {
        var current = Product(Stocked("A", 25m));
        var variant = Put(current, Product(new CanonicalVariant { Sku = "A", BasePrice = 25.009m })).Variants[0];
        Assert.Equal(25m, variant.BasePrice);
        Assert.Equal(2, variant.PriceHistory.Count);
    }

    [Fact]
    public void AVariantNewToAnExistingProductStartsItsOwnHistory()
    {
        var product = Put(Product(Stocked("A", 25m)), Product(new CanonicalVariant { Sku = "A", BasePrice = 25m }, new CanonicalVariant { Sku = "B", BasePrice = 5m }));
        var added = product.Variants[1];
        Assert.Equal(0, added.Inventory);
        Assert.Empty(added.Levels);
        Assert.Equal([new PriceChange(null, 5m, "R", Now)], added.PriceHistory);
    }

    [Fact]
    public void ReputtingTheSameEntryGivesTheSameContent()
    {
        var entry = Product(new CanonicalVariant { Sku = "A", BasePrice = 19.99m });
        var first = Put(null, entry);
        var second = Put(first, entry);
        var key = new ProductKey("store:2299", "tee");
        Assert.Equal(ProductContent.Prepare(key, first).Hash, ProductContent.Prepare(key, second).Hash);
    }
}
