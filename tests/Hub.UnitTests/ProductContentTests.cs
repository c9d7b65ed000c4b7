using CatalogHub.Grains.Catalog;

namespace CatalogHub.UnitTests;

public class ProductContentTests
{
    private static readonly ProductKey Key = new("supplier:3fa85f64-5717-4562-b3fc-2c963f66afa6", "PC61");

    private static CanonicalProduct Tee(params CanonicalVariant[] variants) => new()
    {
        ProductName = "Essential Tee",
        Brand = "Port & Company",
        Tags = ["b", "a"],
        Metafields = new Dictionary<string, string> { ["x.one"] = "1", ["a.two"] = "2" },
        Variants = variants.Length > 0 ? variants :
        [
            new CanonicalVariant { Sku = "PC61-NAT-S", Color = "Natural", Size = "S", BasePrice = 4.58m, Inventory = 1200 },
            new CanonicalVariant { Sku = "PC61-NAT-M", Color = "Natural", Size = "M", BasePrice = 4.18m, Inventory = 300 },
            new CanonicalVariant { Sku = "PC61-NAT-XL", Color = "Natural", Size = "XL", BasePrice = null, Inventory = 5 },
        ],
    };

    [Fact]
    public void AggregatesComeFromTheVariants()
    {
        var content = ProductContent.Prepare(Key, Tee());
        Assert.Equal(3, content.VariantCount);
        Assert.Equal(4.18m, content.PriceMin);
        Assert.Equal(4.58m, content.PriceMax);
        Assert.Equal(1505, content.TotalInventory);
    }

    [Fact]
    public void ProductsWithoutPricesHaveNoPriceRange()
    {
        var content = ProductContent.Prepare(Key, Tee(new CanonicalVariant { Sku = "A" }));
        Assert.Null(content.PriceMin);
        Assert.Null(content.PriceMax);
    }

    [Fact]
    public void EqualContentHashesAlikeWhateverTheOrderOfTagsAndMetafieldsAndTheScaleOfMoney()
    {
        var a = Tee(new CanonicalVariant { Sku = "A", BasePrice = 4.5m });
        var b = a with
        {
            Tags = ["a", "b", "a"],
            Metafields = new Dictionary<string, string> { ["a.two"] = "2", ["x.one"] = "1" },
            Variants = [new CanonicalVariant { Sku = "A", BasePrice = 4.5000m }],
        };
        Assert.Equal(ProductContent.Prepare(Key, a).Hash, ProductContent.Prepare(Key, b).Hash);
    }

    [Fact]
    public void AnyChangeOfContentChangesTheHash()
    {
        var baseline = ProductContent.Prepare(Key, Tee()).Hash;
        Assert.NotEqual(baseline, ProductContent.Prepare(Key, Tee() with { Description = "new" }).Hash);
        Assert.NotEqual(baseline, ProductContent.Prepare(Key, Tee(new CanonicalVariant { Sku = "PC61-NAT-S", Inventory = 1 })).Hash);
        Assert.NotEqual(baseline, ProductContent.Prepare(Key, Tee() with { Images = [new ProductImage { Url = "https://x/y.jpg" }] }).Hash);
    }

    [Fact]
    public void MoneyIsRoundedToTheFourPlacesTheDatabaseKeeps()
    {
        Assert.Equal(4.1235m, ProductContent.Money(4.12345m));
        Assert.Equal("4.5", ProductContent.Money(4.5000m)!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(ProductContent.Money(null));
    }

    [Fact]
    public void InvalidProductsAreRefusedWithEveryReason()
    {
        var bad = Tee(
            new CanonicalVariant { Sku = "A", BasePrice = -1 },
            new CanonicalVariant { Sku = "A" },
            new CanonicalVariant { Sku = "B", Prices = [new TierPrice("Net", 10, 5, 1m)] }) with { ProductName = " " };
        var error = Assert.Throws<ProductValidationException>(() => ProductContent.Prepare(Key, bad));
        Assert.Equal([ProductValidationException.ProductField], error.Errors.Keys);
        Assert.Equal(4, error.Errors[ProductValidationException.ProductField].Length);
        Assert.Contains("product_name is required", error.Message);
        Assert.Contains("negative price", error.Message);
        Assert.Contains("'A' appears twice", error.Message);
        Assert.Contains("quantity range", error.Message);
    }

    [Fact]
    public void PricesBeyondWhatTheCatalogStoresAreRefused()
    {
        var error = Assert.Throws<ProductValidationException>(() => ProductContent.Prepare(Key, Tee(new CanonicalVariant { Sku = "A", BasePrice = 1e15m })));
        Assert.Contains("too large", error.Message);
    }

    [Fact]
    public void NulCharactersAnywhereAreRefused()
    {
        Assert.Contains("NUL", Assert.Throws<ProductValidationException>(() => ProductContent.Prepare(Key, Tee() with { Brand = "a\0b" })).Message);
        Assert.Contains("NUL", Assert.Throws<ProductValidationException>(() => ProductContent.Prepare(Key,
            Tee(new CanonicalVariant { Sku = "A", Metafields = new Dictionary<string, string> { ["x"] = "\0" } }))).Message);
    }
}
