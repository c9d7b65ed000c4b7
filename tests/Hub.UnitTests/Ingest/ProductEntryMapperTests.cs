using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Entries;

namespace CatalogHub.UnitTests.Ingest;

public class ProductEntryMapperTests
{
    private const string Store = "2299";

    /// <summary>The first entry of the contract's multiVariantProduct example (metafields shortened).</summary>
    private const string Jacket = """
        {
          "handle": "1-4z-pwrbl-sm-e-wd-scarl-xs---925658-1",
          "title": "University of New Mexico 1/4 Zip Powerblend Jacket",
          "description": "This versatile, eco-friendly Powerblend 1/4 zip campus sweatshirt.",
          "vendor": "Champion",
          "product_type": "Sweatshirts",
          "tags": "collection:men,collection:clothing-and-accessories,collection:sweatshirts",
          "published": true,
          "metafields": {"custom.dept": "500", "taxonomy.sub_department": "4", "custom.aap_flag": "N"},
          "variants": [
            {"sku": "18886985", "price": 75, "compare_at_price": 75, "cost": 28.92, "barcode": "18886985",
             "taxable": true, "requires_shipping": true, "tax_code": "61000", "inventory_policy": "deny",
             "option1_name": "COLOR", "option1_value": "Scarlet Red", "option2_name": "SIZE", "option2_value": "XSmall",
             "variant_image": "https://bkstr.scene7.com/is/image/Bkstr/2299-CS2083-E1177237-Scarlet-Red",
             "variant_metafields": {"vertex.product_class": "61000", "custom.clearance_flag": "False", "custom.sale_flag": "N"}},
            {"sku": "18886986", "price": 75, "compare_at_price": 75, "cost": 28.92, "barcode": "18886986",
             "option1_name": "COLOR", "option1_value": "Scarlet Red", "option2_name": "SIZE", "option2_value": "Small",
             "variant_image": "https://bkstr.scene7.com/is/image/Bkstr/2299-CS2083-E1177237-Scarlet-Red"}
          ]
        }
        """;

    private static EntryMapping<CanonicalProduct> Map(string json) => ProductEntryMapper.Map(EntryJson.Parse(json), Store);

    private static CanonicalProduct Mapped(string json)
    {
        var mapping = Map(json);
        Assert.Null(mapping.Error);
        return mapping.Value!;
    }

    private static EntryError Failed(string json)
    {
        var mapping = Map(json);
        Assert.Null(mapping.Value);
        return mapping.Error!;
    }

    [Fact]
    public void TheContractsMinimalProductMapsWithoutVertexProductClass()
    {
        var product = Mapped("""{"title": "Simple Product", "variants": [{"sku": "SIMPLE-001", "price": 19.99}]}""");
        Assert.Equal("Simple Product", product.ProductName);
        Assert.Equal("simple-product", product.Handle);
        Assert.Equal(Store, product.StoreNumber);
        Assert.True(product.Published);
        Assert.False(product.PosOnly);
        var variant = Assert.Single(product.Variants);
        Assert.Equal("SIMPLE-001", variant.Sku);
        Assert.Equal(19.99m, variant.BasePrice);
        Assert.Empty(variant.Metafields);
    }

    [Fact]
    public void TheContractsMultiVariantProductMapsEveryField()
    {
        var product = Mapped(Jacket);
        Assert.Equal("University of New Mexico 1/4 Zip Powerblend Jacket", product.ProductName);
        Assert.Equal("1-4z-pwrbl-sm-e-wd-scarl-xs---925658-1", product.Handle);
        Assert.Equal("Champion", product.Brand);
        Assert.Equal("Sweatshirts", product.Category);
        Assert.Equal(ProductType.Apparel, product.ProductType);
        Assert.StartsWith("This versatile", product.Description, StringComparison.Ordinal);
        Assert.Equal(["collection:men", "collection:clothing-and-accessories", "collection:sweatshirts"], product.Tags);
        Assert.Equal("500", product.Metafields["custom.dept"]);
        Assert.Equal("004", product.Metafields["taxonomy.sub_department"]);
        Assert.Equal("False", product.Metafields["custom.aap_flag"]);

        var first = product.Variants[0];
        Assert.Equal("018886985", first.Sku);
        Assert.Equal(75m, first.BasePrice);
        Assert.Equal(75m, first.CompareAtPrice);
        Assert.Equal(28.92m, first.Cost);
        Assert.Equal("18886985", first.Barcode);
        Assert.Equal("61000", first.TaxCode);
        Assert.True(first.Taxable);
        Assert.True(first.RequiresShipping);
        Assert.Equal("deny", first.InventoryPolicy);
        Assert.Equal([new OptionValue("COLOR", "Scarlet Red"), new OptionValue("SIZE", "XSmall")], first.OptionValues);
        Assert.Equal("Scarlet Red", first.Color);
        Assert.Equal("XSmall", first.Size);
        Assert.Equal("https://bkstr.scene7.com/is/image/Bkstr/2299-CS2083-E1177237-Scarlet-Red", first.ImageUrl);
        Assert.Equal("61000", first.Metafields["vertex.product_class"]);
        Assert.Equal("False", first.Metafields["custom.sale_flag"]);
        Assert.Equal("018886986", product.Variants[1].Sku);
    }

    [Fact]
    public void ProductOptionsArePopulatedFromTheVariantsValuesInFirstSeenOrder()
    {
        var options = Mapped(Jacket).Options;
        Assert.Equal(["color", "size"], options.Select(o => o.OptionKey));
        Assert.Equal(["COLOR", "SIZE"], options.Select(o => o.Title));
        Assert.All(options, o => Assert.Equal("select", o.OptionsType));
        Assert.Equal([0, 1], options.Select(o => o.SortOrder));
        Assert.Equal(["Scarlet Red"], options[0].Attributes.Select(a => a.Title));
        Assert.Equal(["XSmall", "Small"], options[1].Attributes.Select(a => a.Title));
        Assert.Equal([0, 1], options[1].Attributes.Select(a => a.SortOrder));
    }

    [Fact]
    public void ProductImagesAreTheDistinctVariantImages()
    {
        var product = Mapped(Jacket);
        var image = Assert.Single(product.Images);
        Assert.Equal(product.Variants[0].ImageUrl, image.Url);
        Assert.Equal("Scarlet Red", image.Color);
        Assert.Equal(image.Url, product.ImageUrl);
    }

    [Fact]
    public void HandleIsGeneratedFromTheTitleWhenMissing() =>
        Assert.Equal("classic-blue-shirt-2", Mapped("""{"title": "Classic  Blue Shirt #2", "variants": [{"sku": "A"}]}""").Handle);

    [Fact]
    public void EmptyHandleCountsAsMissing() =>
        Assert.Equal("tee", Mapped("""{"handle": "", "title": "Tee", "variants": [{"sku": "A"}]}""").Handle);

    [Fact]
    public void HandleNamesTheProductWhenTheTitleIsMissing()
    {
        var product = Mapped("""{"handle": "classic-tee", "variants": [{"sku": "A"}]}""");
        Assert.Equal("classic-tee", product.ProductName);
        Assert.Equal("classic-tee", product.Handle);
    }

    [Fact]
    public void TitleOrHandleIsRequired()
    {
        var error = Failed("""{"variants": [{"sku": "A"}]}""");
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("title", error.Field);
    }

    [Fact]
    public void TitleWithoutLettersOrDigitsCannotMakeAHandle() =>
        Assert.Equal("title", Failed("""{"title": "!!!", "variants": [{"sku": "A"}]}""").Field);

    [Theory]
    [InlineData("Classic-Tee")]
    [InlineData("classic tee")]
    [InlineData("-classic")]
    public void InvalidGivenHandleIsAValidationError(string handle)
    {
        var error = Failed($$"""{"handle": "{{handle}}", "title": "T", "variants": [{"sku": "A"}]}""");
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("handle", error.Field);
    }

    [Fact]
    public void HandleLongerThan255CharactersIsAValidationError() =>
        Assert.Equal("handle", Failed($$"""{"handle": "{{new string('a', 256)}}", "variants": [{"sku": "A"}]}""").Field);

    [Theory]
    [InlineData("""{"title": "T"}""")]
    [InlineData("""{"title": "T", "variants": []}""")]
    [InlineData("""{"title": "T", "variants": null}""")]
    public void AtLeastOneVariantIsRequired(string json)
    {
        var error = Failed(json);
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("At least one variant is required", error.Message);
        Assert.Equal("variants", error.Field);
    }

    [Theory]
    [InlineData("""{"title": "T", "variants": [{"price": 1}]}""")]
    [InlineData("""{"title": "T", "variants": [{"sku": "  "}]}""")]
    public void EveryVariantNeedsASku(string json)
    {
        var error = Failed(json);
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("sku", error.Field);
        Assert.Contains("variants[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateSkusWithinAProductAreAValidationError()
    {
        var error = Failed("""{"title": "T", "variants": [{"sku": "18886985"}, {"sku": "018886985"}]}""");
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("sku", error.Field);
    }

    [Theory]
    [InlineData("price")]
    [InlineData("compare_at_price")]
    [InlineData("cost")]
    [InlineData("weight")]
    public void NegativeAmountsAreAValidationErrorNamingTheField(string field)
    {
        var error = Failed($$"""{"title": "T", "variants": [{"sku": "A", "{{field}}": -0.01}]}""");
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void AmountsTooLargeForTheCatalogAreAValidationError() =>
        Assert.Equal("price", Failed("""{"title": "T", "variants": [{"sku": "A", "price": 100000000000000}]}""").Field);

    [Fact]
    public void VariantDefaultsFollowTheContract()
    {
        var variant = Mapped("""{"title": "T", "variants": [{"sku": "A"}]}""").Variants[0];
        Assert.Equal(0m, variant.BasePrice);
        Assert.Null(variant.CompareAtPrice);
        Assert.Null(variant.Cost);
        Assert.Equal("g", variant.WeightUnit);
        Assert.Equal("deny", variant.InventoryPolicy);
        Assert.True(variant.Taxable);
        Assert.True(variant.RequiresShipping);
        Assert.Empty(variant.OptionValues);
        Assert.Null(variant.PriceType);
        Assert.Empty(variant.PriceHistory);
    }

    [Fact]
    public void VariantFieldsOutsideTheExampleAreMapped()
    {
        var variant = Mapped("""
            {"title": "T", "variants": [{"sku": "A", "weight": 200, "weight_unit": "KG", "inventory_policy": "continue",
              "taxable": false, "requires_shipping": false, "variant_image_alt": "Front", "compare_at_price": null}]}
            """).Variants[0];
        Assert.Equal(200m, variant.Weight);
        Assert.Equal("kg", variant.WeightUnit);
        Assert.Equal("continue", variant.InventoryPolicy);
        Assert.False(variant.Taxable);
        Assert.False(variant.RequiresShipping);
        Assert.Equal("Front", variant.ImageAlt);
        Assert.Null(variant.CompareAtPrice);
    }

    [Theory]
    [InlineData("weight_unit", "\"stone\"")]
    [InlineData("inventory_policy", "\"allow\"")]
    [InlineData("variant_image", "\"not a url\"")]
    [InlineData("variant_image", "\"ftp://cdn.example.com/a.jpg\"")]
    public void ValuesOutsideTheContractAreAValidationError(string field, string value)
    {
        var error = Failed($$"""{"title": "T", "variants": [{"sku": "A", "{{field}}": {{value}}}]}""");
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("""{"title": 5, "variants": [{"sku": "A"}]}""", "title")]
    [InlineData("""{"title": "T", "published": "yes", "variants": [{"sku": "A"}]}""", "published")]
    [InlineData("""{"title": "T", "tags": ["a"], "variants": [{"sku": "A"}]}""", "tags")]
    [InlineData("""{"title": "T", "variants": {"sku": "A"}}""", "variants")]
    [InlineData("""{"title": "T", "variants": ["A"]}""", "variants")]
    [InlineData("""{"title": "T", "variants": [{"sku": 18886985}]}""", "sku")]
    [InlineData("""{"title": "T", "variants": [{"sku": "A", "price": "19.99"}]}""", "price")]
    [InlineData("""{"title": "T", "variants": [{"sku": "A", "price": 1e400}]}""", "price")]
    [InlineData("""{"title": "T", "variants": [{"sku": "A", "taxable": "Y"}]}""", "taxable")]
    [InlineData("""{"title": "T", "variants": [{"sku": "A", "variant_metafields": {"custom.x": {}}}]}""", "variant_metafields.custom.x")]
    public void WrongJsonTypeIsAConversionErrorNamingTheField(string json, string field)
    {
        var error = Failed(json);
        Assert.Equal(EntryErrorType.Conversion, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void DataThatIsNotAnObjectIsAConversionError() => Assert.Equal(EntryErrorType.Conversion, Failed("[1, 2]").Type);

    [Fact]
    public void UnknownFieldsAreIgnored() =>
        Assert.Equal("T", Mapped("""{"title": "T", "colour_scheme": {"x": 1}, "variants": [{"sku": "A", "stock": "lots"}]}""").ProductName);

    [Fact]
    public void TagsAreTrimmedAndBlanksDropped() =>
        Assert.Equal(["a", "b", "c"], Mapped("""{"title": "T", "tags": "a,b , c,, ,a", "variants": [{"sku": "A"}]}""").Tags);

    [Fact]
    public void PublishedFalseIsKept() =>
        Assert.False(Mapped("""{"title": "T", "published": false, "variants": [{"sku": "A"}]}""").Published);

    [Fact]
    public void OptionsNeedANameAndAValueAndAtMostThreeAreRead()
    {
        var variant = Mapped("""
            {"title": "T", "variants": [{"sku": "A", "option1_name": "Color", "option1_value": "Navy",
              "option2_name": "Size", "option3_name": "Material", "option3_value": "Wool",
              "option4_name": "Fit", "option4_value": "Slim"}]}
            """).Variants[0];
        Assert.Equal([new OptionValue("Color", "Navy"), new OptionValue("Material", "Wool")], variant.OptionValues);
        Assert.Equal("Navy", variant.Color);
        Assert.Null(variant.Size);
    }

    [Fact]
    public void ColorAndSizeOptionsAreRecognizedWhateverTheirLetterCase()
    {
        var variant = Mapped("""
            {"title": "T", "variants": [{"sku": "A", "option1_name": "size", "option1_value": "M", "option2_name": "Color", "option2_value": "Red"}]}
            """).Variants[0];
        Assert.Equal("Red", variant.Color);
        Assert.Equal("M", variant.Size);
    }

    [Fact]
    public void AnOptionNameUsedTwiceInAVariantIsAValidationError()
    {
        var error = Failed("""
            {"title": "T", "variants": [{"sku": "A", "option1_name": "Color", "option1_value": "Red", "option2_name": "COLOR", "option2_value": "Blue"}]}
            """);
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal("option2_name", error.Field);
    }

    [Fact]
    public void OptionNamesDifferingOnlyInCaseShareOneProductOption()
    {
        var options = Mapped("""
            {"title": "T", "variants": [{"sku": "A", "option1_name": "Color", "option1_value": "Red"},
                                        {"sku": "B", "option1_name": "COLOR", "option1_value": "Blue"},
                                        {"sku": "C", "option1_name": "color", "option1_value": "Red"}]}
            """).Options;
        var option = Assert.Single(options);
        Assert.Equal("Color", option.Title);
        Assert.Equal(["Red", "Blue"], option.Attributes.Select(a => a.Title));
    }

    [Fact]
    public void TextLongerThanTheContractAllowsIsAValidationError() =>
        Assert.Equal("title", Failed($$"""{"title": "{{new string('t', 256)}}", "variants": [{"sku": "A"}]}""").Field);

    [Fact]
    public void NulCharactersAreRefusedByTheCatalogsRules() =>
        Assert.Equal(EntryErrorType.Validation, Failed("""{"title": "T\u0000", "variants": [{"sku": "A"}]}""").Type);
}
