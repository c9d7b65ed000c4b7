using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Entries;

namespace CatalogHub.UnitTests.Ingest;

public class PriceEntryMapperTests
{
    private static EntryMapping<PriceRequest> Map(string json) => PriceEntryMapper.Map(EntryJson.Parse(json));

    [Fact]
    public void TheContractsSalePriceMaps() =>
        Assert.Equal(
            new PriceRequest("CBS-S-BLU", "STORE-101", "STORE-101", 34.99m, "S"),
            Map("""{"sku": "CBS-S-BLU", "store_id": "STORE-101", "price": 34.99, "price_type": "S"}""").Value);

    [Fact]
    public void NumericSkuIsPadded() => Assert.Equal("000000004", Map("""{"sku": "4", "store_id": "S", "price": 1}""").Value!.Sku);

    [Theory]
    [InlineData("\"cs\"", "CS")]
    [InlineData("\" c \"", "C")]
    [InlineData("\"R\"", "R")]
    [InlineData("\"X\"", "R")]
    [InlineData("\"\"", "R")]
    [InlineData("null", "R")]
    [InlineData("1", "R")]
    public void PriceTypeIsCaseInsensitiveAndDefaultsToRegularWhenMissingOrInvalid(string type, string expected) =>
        Assert.Equal(expected, Map($$"""{"sku": "A", "store_id": "S", "price": 1, "price_type": {{type}}}""").Value!.PriceType);

    [Fact]
    public void MissingPriceTypeIsRegular() => Assert.Equal("R", Map("""{"sku": "A", "store_id": "S", "price": 1}""").Value!.PriceType);

    [Theory]
    [InlineData("""{"sku": "A", "store_id": "9975", "price": 1}""", "9975")]
    [InlineData("""{"sku": "A", "store_id": "9975", "price": 1, "child_store": null}""", "9975")]
    [InlineData("""{"sku": "A", "store_id": "9975", "price": 1, "child_store": ""}""", "9975")]
    [InlineData("""{"sku": "A", "store_id": "9975", "price": 1, "child_store": "0"}""", "9975")]
    [InlineData("""{"sku": "A", "store_id": "9975", "price": 1, "child_store": "2299"}""", "2299")]
    public void ChildStoreDefaultsToTheStoreWhenEmptyOrZero(string json, string childStore) =>
        Assert.Equal(childStore, Map(json).Value!.ChildStore);

    [Theory]
    [InlineData("""{"store_id": "S", "price": 1}""", "sku")]
    [InlineData("""{"sku": "A", "price": 1}""", "store_id")]
    [InlineData("""{"sku": "A", "store_id": "S"}""", "price")]
    [InlineData("""{"sku": "A", "store_id": "S", "price": null}""", "price")]
    [InlineData("""{"sku": "A", "store_id": "S", "price": -0.01}""", "price")]
    public void SkuStoreAndANonNegativePriceAreRequired(string json, string field)
    {
        var error = Map(json).Error!;
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("""{"sku": "A", "store_id": "S", "price": "44.99"}""", "price")]
    [InlineData("""{"sku": "A", "store_id": 9975, "price": 1}""", "store_id")]
    public void WrongJsonTypeIsAConversionError(string json, string field)
    {
        var error = Map(json).Error!;
        Assert.Equal(EntryErrorType.Conversion, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ZeroIsAPrice() => Assert.Equal(0m, Map("""{"sku": "A", "store_id": "S", "price": 0}""").Value!.Price);
}
