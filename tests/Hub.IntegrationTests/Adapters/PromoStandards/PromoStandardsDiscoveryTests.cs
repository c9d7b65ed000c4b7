using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Suppliers;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>Each discovery mode against the simulator over HTTP.</summary>
public class PromoStandardsDiscoveryTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private IEnumerable<string> SellableInCatalogOrder() =>
        fixture.Catalog.Shapes().Where(s => s.IsSellable).Select(s => s.ProductId);

    [Fact]
    public async Task FullSellableListsEverySellableProductOnceInSupplierOrderWithItsFirstPart()
    {
        var refs = await Adapters.For(fixture.Simulator).DiscoverAsync(new DiscoveryRequest(DiscoveryMode.FullSellable), default);
        Assert.Equal(SellableInCatalogOrder(), refs.Select(r => r.SupplierSku));
        Assert.Contains(fixture.Catalog.Shapes(), s => !s.IsSellable);
        var first = fixture.Catalog.Shapes().First(s => s.IsSellable);
        Assert.Equal(first.PartIds().First(), refs[0].PartId);
    }

    [Fact]
    public async Task FirstNIsTheSellableListCutToN()
    {
        var refs = await Adapters.For(fixture.Simulator).DiscoverAsync(new DiscoveryRequest(DiscoveryMode.FirstN, Limit: 25), default);
        Assert.Equal(SellableInCatalogOrder().Take(25), refs.Select(r => r.SupplierSku));
        var all = await Adapters.For(fixture.Simulator).DiscoverAsync(new DiscoveryRequest(DiscoveryMode.FirstN, Limit: 100_000), default);
        Assert.Equal(SellableInCatalogOrder(), all.Select(r => r.SupplierSku));
    }

    [Fact]
    public async Task CloseoutsListTheCloseoutProducts()
    {
        var refs = await Adapters.For(fixture.Simulator).DiscoverAsync(new DiscoveryRequest(DiscoveryMode.Closeouts), default);
        var expected = fixture.Catalog.Shapes().Where(s => s.IsCloseout).Select(s => s.ProductId).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, refs.Select(r => r.SupplierSku));
        Assert.All(refs, r => Assert.NotNull(r.PartId));
    }

    [Fact]
    public async Task ExplicitListIsReturnedAsGivenWithoutCallingTheSupplier()
    {
        var nowhere = Adapters.Settings(fixture.Simulator).GetRawText().Replace(fixture.Simulator.BaseUri.ToString(), "http://127.0.0.1:9/", StringComparison.Ordinal);
        var adapter = Adapters.For(System.Text.Json.JsonDocument.Parse(nowhere).RootElement);
        var refs = await adapter.DiscoverAsync(new DiscoveryRequest(DiscoveryMode.ExplicitList, ExplicitList: ["SIM-000003", " SIM-000001 ", "", "SIM-000003", "NOT-THERE"]), default);
        Assert.Equal([new ProductRef("SIM-000003"), new ProductRef("SIM-000001"), new ProductRef("NOT-THERE")], refs);
        await Assert.ThrowsAsync<SupplierTransientException>(() => adapter.DiscoverAsync(new DiscoveryRequest(DiscoveryMode.Closeouts), default));
    }

    [Fact]
    public async Task EveryModeIsSupported() =>
        Assert.Equal(Enum.GetValues<DiscoveryMode>().ToHashSet(), Adapters.For(fixture.Simulator).SupportedModes.ToHashSet());
}

/// <summary>Delta discovery: each test has its own simulator, because advancing time changes it.</summary>
public class PromoStandardsDeltaTests
{
    [Fact]
    public async Task DeltaAfterAdvanceTimeReturnsExactlyTheModifiedProducts()
    {
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = 200, Seed = 5 });
        var adapter = Adapters.For(simulator);
        var syncStarted = DateTimeOffset.UtcNow;
        Assert.Empty(await adapter.DiscoverAsync(new DiscoveryRequest(DiscoveryMode.Delta, ChangedSince: syncStarted), default));

        var first = simulator.Control.AdvanceTime(products: 12);
        var refs = await adapter.DiscoverAsync(new DiscoveryRequest(DiscoveryMode.Delta, ChangedSince: syncStarted), default);
        Assert.Equal(first.Modified, refs.Select(r => r.SupplierSku));

        var secondSync = first.Clock.AddSeconds(1);
        var second = simulator.Control.AdvanceTime(products: 3, by: TimeSpan.FromMinutes(5));
        refs = await adapter.DiscoverAsync(new DiscoveryRequest(DiscoveryMode.Delta, ChangedSince: secondSync), default);
        Assert.Equal(second.Modified, refs.Select(r => r.SupplierSku));
    }

    [Fact]
    public async Task AModifiedProductHydratesWithItsNewNamePriceAndInventory()
    {
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = 50, Seed = 9 });
        var adapter = Adapters.For(simulator);
        var id = simulator.Control.AdvanceTime(products: 1).Modified[0];
        var before = simulator.Control.Catalog.Catalog.Product(simulator.Control.Catalog.Catalog.IndexOf(id), 0);
        var product = await adapter.HydrateAsync(new ProductRef(id), default);
        Assert.Equal(before.Name + " (rev 1)", product.ProductName);
        Assert.True(product.Variants[0].BasePrice > before.Parts[0].Prices[0].Price);
        Assert.Equal(simulator.Control.Catalog.Find(id)!.Parts.Select(p => (long)p.Stock.Sum(s => s.Quantity)), product.Variants.Select(v => v.Inventory));
    }
}
