using CatalogHub.Grains.Adapters;
using CatalogHub.Grains.Suppliers;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>A 10,000-product catalog listed per part (about 325,000 rows) streams into 10,000-odd refs.</summary>
public class PromoStandardsLargeCatalogTests
{
    [Fact]
    public async Task ATenThousandProductSellableListComesBackWhole()
    {
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions { Products = 10_000, Seed = 1 });
        var refs = await Adapters.For(simulator).DiscoverAsync(new DiscoveryRequest(DiscoveryMode.FullSellable), default);
        var expected = simulator.Control.Catalog.Shapes().Where(s => s.IsSellable).Select(s => s.ProductId).ToList();
        Assert.InRange(expected.Count, 9_000, 10_000);
        Assert.Equal(expected, refs.Select(r => r.SupplierSku));
    }
}
