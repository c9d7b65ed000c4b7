using System.Text.Json.Nodes;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Outbox;
using CatalogHub.Grains.Outbox.Shopify;

namespace CatalogHub.UnitTests.Outbox;

public class ShopifyInputTests
{
    private static CanonicalVariant Variant(string sku, string? color = null, string? size = null, params OptionValue[] options) =>
        new() { Sku = sku, Color = color, Size = size, OptionValues = options, BasePrice = 12.5m };

    private static DeliveredProduct Product(CanonicalProduct content, long? shopifyId = null, bool archived = false, params VariantSyncIds[] ids) =>
        new(Guid.NewGuid(), 42, 3, "store:S1", "k", archived, shopifyId, content, ids);

    [Fact]
    public void VariantsOwnOptionValuesAreTheOptionsWhenEveryVariantHasThem()
    {
        var options = ShopifyProductInput.Options([
            Variant("A", "Red", "S", new OptionValue("Size", "S"), new OptionValue("Fit", "Slim")),
            Variant("B", "Red", "M", new OptionValue("Size", "M"), new OptionValue("Fit", "Slim")),
        ]);
        Assert.Equal(["Size", "Fit"], options.Names);
        Assert.Equal(["M", "Slim"], options.ValuesOf(Variant("B", options: [new OptionValue("Size", "M"), new OptionValue("Fit", "Slim")])));
    }

    [Fact]
    public void ColorAndSizeAreTheOptionsWhenOptionValuesAreMissing()
    {
        var variants = new[] { Variant("A", "Red", "S"), Variant("B", "Red", null), Variant("C", "Blue", "S") };
        var options = ShopifyProductInput.Options(variants);
        Assert.Equal(["Color", "Size"], options.Names);
        Assert.Equal(["Red", "Default"], options.ValuesOf(variants[1]));
    }

    [Fact]
    public void VariantsThatWouldNotDifferInTheirOptionsAreToldApartByTheirSku()
    {
        var variants = new[] { Variant("A", "Red"), Variant("B", "Red") };
        var options = ShopifyProductInput.Options(variants);
        Assert.Equal(["Title"], options.Names);
        Assert.Equal(["B"], options.ValuesOf(variants[1]));
        Assert.Equal(["Title"], ShopifyProductInput.Options([Variant("ONLY")]).Names);
    }

    [Fact]
    public void AProductShopifyKnowsIsNamedByItsIdAndANewOneByAHandleThatSurvivesARetry()
    {
        var content = new CanonicalProduct { ProductName = "Über Tee & Co", Variants = [Variant("A", "Red")] };
        var fresh = ShopifyProductInput.Variables(Product(content), new ShopifyLocations(new Dictionary<string, long>(), "S1"));
        Assert.Equal("ber-tee-co-42", fresh["identifier"]!["handle"]!.GetValue<string>());
        Assert.Equal("ber-tee-co-42", fresh["input"]!["handle"]!.GetValue<string>());

        var known = ShopifyProductInput.Variables(Product(content, 777, ids: new VariantSyncIds("A", 1, 55, 66)), new ShopifyLocations(new Dictionary<string, long>(), "S1"));
        Assert.Equal("gid://shopify/Product/777", known["identifier"]!["id"]!.GetValue<string>());
        var variant = known["input"]!["variants"]![0]!;
        Assert.Equal("gid://shopify/ProductVariant/55", variant["id"]!.GetValue<string>());
        Assert.Null(variant["inventoryQuantities"]);
        Assert.Equal("12.5", variant["price"]!.GetValue<string>());
        Assert.Equal("A", variant["inventoryItem"]!["sku"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false, true, "ACTIVE")]
    [InlineData(false, false, "DRAFT")]
    [InlineData(true, true, "ARCHIVED")]
    public void StatusFollowsArchivedAndPublished(bool archived, bool published, string status) =>
        Assert.Equal(status, ShopifyProductInput.Status(Product(new CanonicalProduct { ProductName = "x", Published = published }, archived: archived)));

    [Fact]
    public void ANewVariantCarriesItsQuantitiesAtTheMappedLocations()
    {
        var variant = Variant("A", "Red") with
        {
            Levels = [new InventoryLevel("S1/S1", 5, 9), new InventoryLevel("S1/Annex", 2, 0), new InventoryLevel("S1/Unmapped", 100, 0)],
        };
        var vars = ShopifyProductInput.Variables(
            Product(new CanonicalProduct { ProductName = "x", Variants = [variant] }),
            new ShopifyLocations(new Dictionary<string, long> { ["S1"] = 10, ["S1/Annex"] = 20 }, "S1"));
        var quantities = vars["input"]!["variants"]![0]!["inventoryQuantities"]!.AsArray();
        Assert.Equal(["gid://shopify/Location/10=5", "gid://shopify/Location/20=2"],
            quantities.Select(q => $"{q!["locationId"]}={q["quantity"]}"));
        Assert.All(quantities, q => Assert.Equal("available", q!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void LocationsAddUpAndAVariantWithoutLevelsCountsAtTheStoresDefault()
    {
        var locations = new ShopifyLocations(new Dictionary<string, long> { ["S1"] = 10, ["Annex"] = 10 }, "S1");
        Assert.Equal([(10L, 7L)], locations.Of(Variant("A") with { Levels = [new InventoryLevel("S1/S1", 5, 0), new InventoryLevel("S1/Annex", 2, 0)] }));
        Assert.Equal([(10L, 3L)], locations.Of(Variant("B") with { Inventory = 3 }));
        Assert.Empty(new ShopifyLocations(new Dictionary<string, long>(), "S1").Of(Variant("C") with { Inventory = 3 }));
    }

    [Theory]
    [InlineData("2025-10", false)]
    [InlineData("2026-01", false)]
    [InlineData("2026-04", true)]
    [InlineData("2027-01", true)]
    [InlineData("unstable", true)]
    public void InventoryInputSkipsTheCompareCheckTheWayTheVersionTakesIt(string version, bool changeFrom)
    {
        var input = ShopifyInventoryInput.Variables([new ShopifyQuantity(5, 6, 7)], Guid.Empty, version)["input"]!.AsObject();
        var quantity = input["quantities"]![0]!.AsObject();
        Assert.Equal(changeFrom, quantity.ContainsKey("changeFromQuantity"));
        Assert.Equal(!changeFrom, input.ContainsKey("ignoreCompareQuantity"));
        Assert.Equal("gid://shopify/InventoryItem/5", quantity["inventoryItemId"]!.GetValue<string>());
        Assert.Equal(7, quantity["quantity"]!.GetValue<long>());
    }

    [Fact]
    public void NotStockedErrorsNameTheirQuantities()
    {
        var payload = JsonNode.Parse("""
            {"userErrors": [
              {"field": ["input", "quantities", "1", "locationId"], "message": "not stocked", "code": "ITEM_NOT_STOCKED_AT_LOCATION"},
              {"field": ["input", "reason"], "message": "bad", "code": "INVALID_REASON"}]}
            """)!.AsObject();
        Assert.Equal([1], ShopifyInventoryInput.NotStocked(payload));
    }

    [Fact]
    public void ProductSetAnswersGiveTheIdsBySku()
    {
        var ids = ShopifyAnswers.Ids(JsonNode.Parse("""
            {"product": {"id": "gid://shopify/Product/9", "variants": {"nodes": [
              {"id": "gid://shopify/ProductVariant/10", "sku": "A", "inventoryItem": {"id": "gid://shopify/InventoryItem/11"}},
              {"id": "gid://shopify/ProductVariant/12", "sku": null, "inventoryItem": {"id": "gid://shopify/InventoryItem/13"}}]}}}
            """)!.AsObject())!;
        Assert.Equal(9, ids.ProductId);
        Assert.Equal(new ShopifyVariantIds("A", 10, 11), Assert.Single(ids.Variants));
        Assert.Null(ShopifyAnswers.Ids(JsonNode.Parse("""{"product": null}""")!.AsObject()));
        Assert.Null(ShopifyGid.Parse("gid://shopify/Product/9", "ProductVariant"));
    }
}
