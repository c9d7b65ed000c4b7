using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Entries;

namespace CatalogHub.UnitTests.Ingest;

public class PosEntryMapperTests
{
    /// <summary>The first entry of the contract's posUpdate example.</summary>
    private const string Supplies = """
        {
          "sku": "000000004", "title": "SUPPLIES", "vendor": "CATEGORY&DUMP SKU-NO SCAN CREDIT",
          "description": "School Supplies", "barcode": "000000000004", "price": 0, "compare_at_price": 0, "cost": 0,
          "tax_code": "76900", "status": "DRAFT",
          "metafields": {"custom.dept": "400", "taxonomy.department": "4", "custom.deptname": "School Supplies",
                         "taxonomy.sub_department": "998", "merchandising.child_store": "2299"}
        }
        """;

    private static EntryMapping<CanonicalProduct> Map(string json, string store = "2299", int row = 7) =>
        PosEntryMapper.Map(EntryJson.Parse(json), store, row);

    private static CanonicalProduct Mapped(string json, string store = "2299", int row = 7)
    {
        var mapping = Map(json, store, row);
        Assert.Null(mapping.Error);
        return mapping.Value!;
    }

    private static CanonicalVariant Variant(string json) => Assert.Single(Mapped(json).Variants);

    [Fact]
    public void TheContractsPosEntryIsOneProductWithOneVariant()
    {
        var product = Mapped(Supplies);
        Assert.Equal("SUPPLIES", product.ProductName);
        Assert.Equal("supplies-2299-000000004", product.Handle);
        Assert.Equal("2299", product.StoreNumber);
        Assert.Equal("CATEGORY&DUMP SKU-NO SCAN CREDIT", product.Brand);
        Assert.Equal("POS", product.Category);
        Assert.Equal("School Supplies", product.Description);
        Assert.True(product.PosOnly);
        Assert.True(product.Published);
        Assert.Empty(product.Tags);
        Assert.Empty(product.Images);
        Assert.Equal("004", product.Metafields["taxonomy.department"]);
        Assert.Equal("2299", product.Metafields["merchandising.child_store"]);
        var variant = Assert.Single(product.Variants);
        Assert.Equal("000000004", variant.Sku);
        Assert.Equal("000000000004", variant.Barcode);
        Assert.Equal(0m, variant.BasePrice);
        Assert.Equal(0m, variant.CompareAtPrice);
        Assert.Equal(0m, variant.Cost);
    }

    [Fact]
    public void TaxCodeIsStoredOnTheVariantAndAsVertexProductClass()
    {
        var variant = Variant(Supplies);
        Assert.Equal("76900", variant.TaxCode);
        Assert.Equal("76900", variant.Metafields["vertex.product_class"]);
    }

    [Fact]
    public void WithoutATaxCodeThereIsNoVertexProductClass() => Assert.Empty(Variant("""{"sku": "1"}""").Metafields);

    [Fact]
    public void NumericSkuIsPaddedAndRequired()
    {
        Assert.Equal("000000042", Variant("""{"sku": "42"}""").Sku);
        var error = Map("""{"title": "X"}""").Error!;
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("sku", error.Field);
    }

    [Theory]
    [InlineData("""{"sku": "1"}""")]
    [InlineData("""{"sku": "1", "title": ""}""")]
    [InlineData("""{"sku": "1", "title": "   "}""")]
    [InlineData("""{"sku": "1", "title": null}""")]
    public void MissingTitleDefaultsToPosProductAndTheRow(string json) =>
        Assert.Equal("POS Product 7", Mapped(json, row: 7).ProductName);

    [Fact]
    public void HandleOfAnUntitledProductDoesNotDependOnItsRow()
    {
        Assert.Equal("pos-product-2299-000000001", Mapped("""{"sku": "1"}""", row: 3).Handle);
        Assert.Equal("pos-product-2299-000000001", Mapped("""{"sku": "1"}""", row: 9).Handle);
    }

    [Theory]
    [InlineData("Emblematic Men's Apparel", "2299", "000000005", "emblematic-men-s-apparel-2299-000000005")]
    [InlineData("Tee", "STORE-101", "ABC-1", "tee-store-101-ABC-1")]
    [InlineData("!!!", "2299", "000000005", "pos-product-2299-000000005")]
    public void HandleIsNormalizedTitleStoreAndFormattedSku(string title, string store, string sku, string expected) =>
        Assert.Equal(expected, PosEntryMapper.Handle(title, store, sku));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void EmptyStoreNumberDefaultsTo9975(string store)
    {
        var product = Mapped("""{"sku": "1", "title": "T"}""", store);
        Assert.Equal("9975", product.StoreNumber);
        Assert.Equal("t-9975-000000001", product.Handle);
    }

    [Theory]
    [InlineData("""{"sku": "1"}""")]
    [InlineData("""{"sku": "1", "vendor": ""}""")]
    [InlineData("""{"sku": "1", "vendor": " "}""")]
    public void EmptyVendorDefaultsToUnknown(string json) => Assert.Equal("Unknown", Mapped(json).Brand);

    [Fact]
    public void ProductTypeIsAlwaysPos() => Assert.Equal("POS", Mapped("""{"sku": "1", "product_type": "Shirts"}""").Category);

    [Fact]
    public void StatusIsIgnored() => Assert.Null(Map("""{"sku": "1", "status": 42}""").Error);

    [Theory]
    [InlineData("""{"sku": "1"}""", 0)]
    [InlineData("""{"sku": "1", "price": null}""", 0)]
    [InlineData("""{"sku": "1", "price": ""}""", 0)]
    [InlineData("""{"sku": "1", "price": "abc"}""", 0)]
    [InlineData("""{"sku": "1", "price": "12.50"}""", 12.5)]
    [InlineData("""{"sku": "1", "price": 10.01}""", 10.01)]
    public void PriceDefaultsToZeroWhenEmptyOrUnparsable(string json, double price) =>
        Assert.Equal((decimal)price, Variant(json).BasePrice);

    [Theory]
    [InlineData("""{"sku": "1", "price": -1}""", "price")]
    [InlineData("""{"sku": "1", "price": "-1"}""", "price")]
    [InlineData("""{"sku": "1", "compare_at_price": -1}""", "compare_at_price")]
    [InlineData("""{"sku": "1", "cost": -0.5}""", "cost")]
    public void NegativeAmountsAreAValidationError(string json, string field)
    {
        var error = Map(json).Error!;
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("""{"sku": "1", "price": true}""", "price")]
    [InlineData("""{"sku": "1", "compare_at_price": "0.01"}""", "compare_at_price")]
    [InlineData("""{"sku": "1", "barcode": 123}""", "barcode")]
    [InlineData("""{"sku": "1", "metafields": {"custom.dept": [4]}}""", "metafields.custom.dept")]
    public void WrongJsonTypeIsAConversionError(string json, string field)
    {
        var error = Map(json).Error!;
        Assert.Equal(EntryErrorType.Conversion, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("012345678905.0", "012345678905")]
    [InlineData("012345678905", "012345678905")]
    [InlineData("12345.0.0", "")]
    [InlineData("ABC123", "")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void BarcodeDropsATrailingPointZeroAndMustBeDigits(string? barcode, string? expected) =>
        Assert.Equal(expected, PosEntryMapper.Barcode(barcode));

    [Fact]
    public void CustomDeptIsPaddedLikeTheTaxonomy() =>
        Assert.Equal("040", Mapped("""{"sku": "1", "metafields": {"custom.dept": "40", "taxonomy.class": "Y"}}""").Metafields["custom.dept"]);
}
