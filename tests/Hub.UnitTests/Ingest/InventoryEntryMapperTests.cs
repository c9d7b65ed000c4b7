using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Entries;

namespace CatalogHub.UnitTests.Ingest;

public class InventoryEntryMapperTests
{
    private static EntryMapping<InventoryRequest> Map(string json, bool initial = false) =>
        InventoryEntryMapper.Map(EntryJson.Parse(json), initial);

    private static InventoryRequest Mapped(string json, bool initial = false)
    {
        var mapping = Map(json, initial);
        Assert.Null(mapping.Error);
        return mapping.Value!;
    }

    private static EntryError Failed(string json, bool initial = false)
    {
        var mapping = Map(json, initial);
        Assert.Null(mapping.Value);
        return mapping.Error!;
    }

    [Fact]
    public void InitialModeSetsAvailableAndAddsIncoming()
    {
        var request = Mapped("""{"sku": "CBS-S-BLU", "store": "STORE-101", "location_name": "Main Warehouse", "on_hand": 100, "on_order": 50}""", initial: true);
        Assert.Equal(new InventoryRequest("CBS-S-BLU", "STORE-101", "Main Warehouse", "Main Warehouse", true, 100, 50), request);
    }

    [Fact]
    public void DeltaModeAddsBothQuantities()
    {
        var request = Mapped("""{"sku": "CBS-M-BLU", "store": "STORE-101", "on_hand": -2, "on_order": 3}""");
        Assert.False(request.SetAvailable);
        Assert.Equal(-2, request.Available);
        Assert.Equal(3, request.Incoming);
    }

    [Fact]
    public void QuantitiesDefaultToZero()
    {
        var request = Mapped("""{"sku": "A", "store": "S", "on_hand": null, "on_order": ""}""", initial: true);
        Assert.Equal(0, request.Available);
        Assert.Equal(0, request.Incoming);
    }

    [Theory]
    [InlineData("105.99", 105)]
    [InlineData("-2.7", -2)]
    [InlineData("\"105.99\"", 105)]
    [InlineData("\" 7 \"", 7)]
    [InlineData("1e2", 100)]
    public void FractionsAreTruncatedTowardZero(string onHand, long expected) =>
        Assert.Equal(expected, Mapped($$"""{"sku": "A", "store": "S", "on_hand": {{onHand}}}""", initial: true).Available);

    [Theory]
    [InlineData("\"many\"")]
    [InlineData("true")]
    [InlineData("[5]")]
    [InlineData("1e30")]
    public void QuantityThatIsNoNumberIsAConversionError(string onHand)
    {
        var error = Failed($$"""{"sku": "A", "store": "S", "on_hand": {{onHand}}}""");
        Assert.Equal(EntryErrorType.Conversion, error.Type);
        Assert.Equal("on_hand", error.Field);
    }

    [Fact]
    public void NumericSkuIsPadded() => Assert.Equal("018886985", Mapped("""{"sku": "18886985", "store": "S"}""").Sku);

    [Theory]
    [InlineData("""{"store": "S"}""", "sku")]
    [InlineData("""{"sku": "A"}""", "store")]
    [InlineData("""{"sku": "A", "store": ""}""", "store")]
    public void SkuAndStoreAreRequired(string json, string field)
    {
        var error = Failed(json);
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void StoreIsAtMost50Characters() =>
        Assert.Equal("store", Failed($$"""{"sku": "A", "store": "{{new string('9', 51)}}"}""").Field);

    [Fact]
    public void StoreThatIsNotAStringIsAConversionError()
    {
        var error = Failed("""{"sku": "A", "store": 2299}""");
        Assert.Equal(EntryErrorType.Conversion, error.Type);
        Assert.Equal("store", error.Field);
    }

    [Theory]
    [InlineData("""{"sku": "A", "store": "2299"}""")]
    [InlineData("""{"sku": "A", "store": "2299", "location_name": null}""")]
    [InlineData("""{"sku": "A", "store": "2299", "location_name": ""}""")]
    [InlineData("""{"sku": "A", "store": "2299", "location_name": "0"}""")]
    public void EmptyOrZeroLocationMeansTheStoresDefaultLocation(string json)
    {
        var request = Mapped(json);
        Assert.Null(request.LocationName);
        Assert.Equal("2299", request.ChildStore);
    }

    [Theory]
    [InlineData("""{"sku": "A", "store": "9975", "location_name": "2299"}""", "2299")]
    [InlineData("""{"sku": "A", "store": "9975", "location_name": "2299", "child_store": "3301"}""", "3301")]
    [InlineData("""{"sku": "A", "store": "9975", "child_store": "0"}""", "9975")]
    [InlineData("""{"sku": "A", "store": "9975", "child_store": ""}""", "9975")]
    public void ChildStoreIsGivenOrTheLocationOrTheStore(string json, string childStore) =>
        Assert.Equal(childStore, Mapped(json).ChildStore);

    [Theory]
    [InlineData("Adjustment")]
    [InlineData("ADJUSTMENT")]
    [InlineData("adjustment")]
    public void AdjustmentDeltaChangesOnlyAvailable(string deltaType)
    {
        var request = Mapped($$"""{"sku": "A", "store": "S", "on_hand": -4, "delta_type": "{{deltaType}}"}""");
        Assert.Equal(-4, request.Available);
        Assert.Equal(0, request.Incoming);
    }

    [Theory]
    [InlineData("On-Order")]
    [InlineData("ON_ORDER")]
    [InlineData("on_order")]
    [InlineData("on order")]
    public void OnOrderDeltaMovesItsQuantityToIncoming(string deltaType)
    {
        var fromOnHand = Mapped($$"""{"sku": "A", "store": "S", "on_hand": 12, "delta_type": "{{deltaType}}"}""");
        Assert.Equal((0L, 12L), (fromOnHand.Available, fromOnHand.Incoming));
        var fromOnOrder = Mapped($$"""{"sku": "A", "store": "S", "on_order": 5, "delta_type": "{{deltaType}}"}""");
        Assert.Equal((0L, 5L), (fromOnOrder.Available, fromOnOrder.Incoming));
    }

    [Theory]
    [InlineData("""{"sku": "A", "store": "S", "delta_type": "Transfer"}""", "delta_type")]
    [InlineData("""{"sku": "A", "store": "S", "on_hand": 1, "on_order": 2, "delta_type": "Adjustment"}""", "on_order")]
    [InlineData("""{"sku": "A", "store": "S", "on_hand": 1, "on_order": 2, "delta_type": "On-Order"}""", "on_hand")]
    public void UnknownOrAmbiguousDeltaIsAValidationError(string json, string field)
    {
        var error = Failed(json);
        Assert.Equal(EntryErrorType.Validation, error.Type);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void DeltaTypeIsIgnoredInInitialMode()
    {
        var request = Mapped("""{"sku": "A", "store": "S", "on_hand": 3, "on_order": 1, "delta_type": "Transfer"}""", initial: true);
        Assert.Equal((3L, 1L), (request.Available, request.Incoming));
    }
}
