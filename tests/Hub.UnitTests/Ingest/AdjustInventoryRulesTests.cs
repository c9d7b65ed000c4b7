using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Ingest;
using CatalogHub.Grains.Ingest.Rules;

namespace CatalogHub.UnitTests.Ingest;

public class AdjustInventoryRulesTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 6, 12, 0, 0, TimeSpan.Zero);

    private static CanonicalProduct Product(params InventoryLevel[] levels) => new()
    {
        ProductName = "Tee",
        Variants =
        [
            new CanonicalVariant { Sku = "000000001" },
            new CanonicalVariant
            {
                Sku = "CBS-S-BLU",
                Levels = levels,
                Inventory = levels.Sum(l => l.Available),
                Incoming = levels.Sum(l => l.Incoming),
            },
        ],
    };

    private static AdjustInventory Adjust(string location, long available, long incoming = 0, bool set = false, string sku = "CBS-S-BLU") =>
        new() { Row = 1, Sku = sku, Location = location, Available = available, Incoming = incoming, SetAvailable = set };

    private static CanonicalVariant Variant(CommandApplication result)
    {
        Assert.Null(result.Error);
        return result.Product!.Variants[1];
    }

    [Fact]
    public void InitialSetsAvailableAndAddsIncomingAtTheLocation()
    {
        var variant = Variant(ProductCommandRules.Apply(Product(new InventoryLevel("Main", 10, 5)), Adjust("Main", 100, 50, set: true), Now));
        Assert.Equal([new InventoryLevel("Main", 100, 55)], variant.Levels);
        Assert.Equal(100, variant.Inventory);
        Assert.Equal(55, variant.Incoming);
    }

    [Fact]
    public void DeltaAddsToBothQuantities()
    {
        var variant = Variant(ProductCommandRules.Apply(Product(new InventoryLevel("Main", 10, 5)), Adjust("Main", -2, 3), Now));
        Assert.Equal([new InventoryLevel("Main", 8, 8)], variant.Levels);
    }

    [Fact]
    public void AnUnknownLocationGetsANewLevelAndTotalsAreTheSumsOfLevels()
    {
        var variant = Variant(ProductCommandRules.Apply(Product(new InventoryLevel("Main", 10, 5)), Adjust("2299", 4, 1), Now));
        Assert.Equal(2, variant.Levels.Count);
        Assert.Contains(new InventoryLevel("2299", 4, 1), variant.Levels);
        Assert.Equal(14, variant.Inventory);
        Assert.Equal(6, variant.Incoming);
    }

    [Fact]
    public void AZeroQuantityStillRecordsTheLocation() =>
        Assert.Equal([new InventoryLevel("2299", 0, 0)], Variant(ProductCommandRules.Apply(Product(), Adjust("2299", 0, set: true), Now)).Levels);

    [Fact]
    public void AnAdjustmentThatChangesNothingReturnsTheCurrentProduct()
    {
        var current = Product(new InventoryLevel("Main", 10, 5));
        var result = ProductCommandRules.Apply(current, Adjust("Main", 10, 0, set: true), Now);
        Assert.Null(result.Error);
        Assert.Same(current, result.Product);
    }

    [Fact]
    public void OtherVariantsAreUntouched()
    {
        var current = Product();
        var result = ProductCommandRules.Apply(current, Adjust("Main", 3), Now);
        Assert.Same(current.Variants[0], result.Product!.Variants[0]);
    }

    [Fact]
    public void AnUnknownSkuIsAResolutionError()
    {
        var current = Product();
        var result = ProductCommandRules.Apply(current, Adjust("Main", 1, sku: "NOPE"), Now);
        Assert.Same(current, result.Product);
        Assert.Equal(new EntryError(EntryErrorType.Resolution, "SKU not found: NOPE", "sku"), result.Error);
    }

    [Fact]
    public void AMissingProductIsAResolutionError()
    {
        var result = ProductCommandRules.Apply(null, Adjust("Main", 1), Now);
        Assert.Null(result.Product);
        Assert.Equal(EntryErrorType.Resolution, result.Error!.Type);
    }

    [Fact]
    public void AQuantityBeyond64BitsIsAValidationErrorAndChangesNothing()
    {
        var current = Product(new InventoryLevel("Main", long.MaxValue, 0));
        var result = ProductCommandRules.Apply(current, Adjust("Main", 1), Now);
        Assert.Same(current, result.Product);
        Assert.Equal(EntryErrorType.Validation, result.Error!.Type);
        Assert.Equal("on_hand", result.Error.Field);
    }

    [Fact]
    public void DeltasForOneVariantApplyInOrder()
    {
        CanonicalProduct? product = Product();
        foreach (var command in new[] { Adjust("Main", 5, set: true), Adjust("Main", -2), Adjust("Main", 10, 4) })
        {
            product = ProductCommandRules.Apply(product, command, Now).Product;
        }

        Assert.Equal([new InventoryLevel("Main", 13, 4)], product!.Variants[1].Levels);
    }
}
