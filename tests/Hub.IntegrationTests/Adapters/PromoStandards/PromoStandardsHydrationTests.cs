using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Suppliers;
using CatalogHub.SupplierSimulator.Catalog;

namespace CatalogHub.IntegrationTests.Adapters.PromoStandards;

/// <summary>Hydration over HTTP into seed 004's shapes, checked against what the simulator serves.</summary>
public class PromoStandardsHydrationTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private static readonly ProductKey Key = new("supplier:test", "x");

    /// <summary>The tiers the simulator's breaks make: each ends where the next begins.</summary>
    private static List<TierPrice> Tiers(SimPart part, string priceType, decimal factor = 1m) =>
    [
        .. part.Prices.Select((p, i) => new TierPrice(priceType, p.MinQuantity, i + 1 < part.Prices.Count ? part.Prices[i + 1].MinQuantity - 1 : null,
            Math.Round(p.Price * factor, 4))),
    ];

    private static string MostStocked(SimPart part) => part.Stock.Select((s, i) => (s, i)).OrderByDescending(x => x.s.Quantity).ThenBy(x => x.i).First().s.Warehouse.Id;

    [Fact]
    public async Task AnApparelProductBecomesColorBySizeVariantsWithTieredPricesStockAndImagesByColor()
    {
        var sim = fixture.First(p => p.Kind == SimKind.Apparel && p.Shape.HasMedia && p.Locations.Count > 0 && p.Shape.Colors.Count > 1);
        var product = await Adapters.For(fixture.Simulator, "\"fob_id\": \"1\"").HydrateAsync(new ProductRef(sim.ProductId), default);

        Assert.Equal((ProductType.Apparel, sim.ProductId, sim.Name, sim.Brand, "Apparel"),
            (product.ProductType, product.SupplierSku, product.ProductName, product.Brand, product.Category));
        Assert.NotNull(product.ApparelDetails);
        Assert.Equal(sim.Parts.Select(p => (p.PartId, p.Color.Name, p.Size)), product.Variants.Select(v => (v.Sku, v.Color!, v.Size!)));
        Assert.Equal(sim.Shape.Colors.Count * sim.Shape.Sizes.Count, product.Variants.Count);
        foreach (var (part, variant) in sim.Parts.Zip(product.Variants))
        {
            Assert.Equal(Tiers(part, "List"), variant.Prices);
            Assert.Equal(part.Prices[0].Price, variant.BasePrice);
            Assert.Equal(part.Stock.Sum(s => s.Quantity), variant.Inventory);
            Assert.Equal(MostStocked(part), variant.Warehouse);
            Assert.Equal(part.IncomingQuantity, variant.Incoming);
            Assert.Equal(part.Gtin, variant.Barcode);
        }

        Assert.Equal(sim.PrimaryImageUrl, product.ImageUrl);
        Assert.Equal(sim.Images.Select(i => (i.Url, i.Color, i.ClassTypeName.ToLowerInvariant())), product.Images.Select(i => (i.Url, i.Color, i.ImageType!)));
        Assert.Equal(Enumerable.Range(0, sim.Images.Count), product.Images.Select(i => i.SortOrder));
        var byColor = product.Images.Where(i => i.Color is not null).GroupBy(i => i.Color!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(sim.Shape.Colors.Select(c => c.Name).Order(), byColor.Keys.Order());
        Assert.Equal(sim.Locations.Select(l => l.Name), Assert.Single(product.Options).Attributes.Select(a => a.Title));
        Assert.Equal(sim.Shape.IsCloseout, product.Tags.Contains("closeout"));
        Assert.Equal(product.Variants.Count, ProductContent.Prepare(Key, product).VariantCount);
    }

    [Fact]
    public async Task APrintProductHasNoApparelSizesAndCarriesItsDimensions()
    {
        var sim = fixture.First(p => p.Kind == SimKind.Print && p.Shape.Sizes.Count > 1);
        var product = await Adapters.For(fixture.Simulator).HydrateAsync(new ProductRef(sim.ProductId), default);

        Assert.Equal(ProductType.Print, product.ProductType);
        Assert.Null(product.ApparelDetails);
        Assert.Equal(sim.Parts.Select(p => $"{p.Width}x{p.Height} in"), product.Variants.Select(v => v.Size));
        Assert.Equal(sim.Parts.Select(p => p.PartId), product.Variants.Select(v => v.Sku));
        Assert.Equal(sim.Parts.Min(p => p.Width), product.PrintDetails!.MinWidth);
        Assert.Equal(sim.Parts.Max(p => p.Height), product.PrintDetails.MaxHeight);
        Assert.Equal("in", product.PrintDetails.SizeUnit);
        Assert.Equal(sim.Shape.Sizes.Count, product.Sizes.Count);
        Assert.All(product.Variants, v => Assert.NotEmpty(v.Prices));
        Assert.NotEmpty(product.Options);
        ProductContent.Prepare(Key, product);
    }

    [Fact]
    public async Task WithoutAFobIdPricingUsesTheProductsFobPointAndTheConfiguredPriceType()
    {
        var sim = fixture.First(p => p.Kind == SimKind.Apparel);
        var product = await Adapters.For(fixture.Simulator, "\"price_type\": \"Net\"").HydrateAsync(new ProductRef(sim.ProductId), default);
        Assert.Equal(Tiers(sim.Parts[0], "Net", 0.6m), product.Variants[0].Prices);
    }

    [Fact]
    public async Task AProductWithoutMediaHydratesWithoutImages()
    {
        var sim = fixture.First(p => !p.Shape.HasMedia);
        var product = await Adapters.For(fixture.Simulator).HydrateAsync(new ProductRef(sim.ProductId), default);
        Assert.Empty(product.Images);
        Assert.Null(product.ImageUrl);
        Assert.Equal(sim.Parts.Count, product.Variants.Count);
    }

    [Fact]
    public async Task EveryDiscoveredProductHydratesIntoAProductTheCatalogAccepts()
    {
        var adapter = Adapters.For(fixture.Simulator, "\"fob_id\": \"1\"");
        var refs = await adapter.DiscoverAsync(new Grains.Adapters.DiscoveryRequest(DiscoveryMode.FirstN, Limit: 40), default);
        var products = await Task.WhenAll(refs.Select(r => adapter.HydrateAsync(r, default)));
        Assert.All(products, p => Assert.InRange(ProductContent.Prepare(Key, p).VariantCount, 5, 60));
        Assert.Contains(products, p => p.ProductType == ProductType.Print);
        Assert.Equal(refs.Select(r => r.SupplierSku), products.Select(p => p.SupplierSku));
        Assert.All(products, p => Assert.All(p.Variants, v => Assert.InRange(v.Prices.Count, 2, 4)));
    }
}
