using CatalogHub.SupplierSimulator.Catalog;

namespace CatalogHub.UnitTests.PromoStandards;

/// <summary>The simulator's synthetic catalog: deterministic and within the issue's bounds.</summary>
public class SimulatorCatalogTests
{
    [Fact]
    public void TheSameSeedGivesTheSameCatalogAndAnotherSeedAnother()
    {
        var a = new SyntheticCatalog(50, 1);
        var b = new SyntheticCatalog(50, 1);
        var c = new SyntheticCatalog(50, 2);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(Describe(a.Product(i, 0)), Describe(b.Product(i, 0)));
        }

        Assert.NotEqual(Enumerable.Range(0, 50).Select(i => Describe(a.Product(i, 0))), Enumerable.Range(0, 50).Select(i => Describe(c.Product(i, 0))));
    }

    [Fact]
    public void ProductsHave5To60PartsOf2To4TiersAndPrintPartsHaveNoApparelSize()
    {
        var catalog = new SyntheticCatalog(2_000, 3);
        var products = Enumerable.Range(0, catalog.Count).Select(i => catalog.Product(i, 0)).ToList();
        Assert.All(products, p => Assert.InRange(p.Parts.Count, 5, 60));
        Assert.All(products, p => Assert.All(p.Parts, part => Assert.InRange(part.Prices.Count, 2, 4)));
        Assert.All(products.Where(p => p.Kind == SimKind.Print), p => Assert.All(p.Parts, part => Assert.NotNull(part.Width)));
        Assert.InRange(products.Count(p => p.Kind == SimKind.Print), 300, 700);
        Assert.InRange(products.Count(p => p.Shape.IsCloseout), 60, 260);
        Assert.All(products, p => Assert.True(p.Modified < SyntheticCatalog.Epoch));
        Assert.All(products.Where(p => p.Shape.HasMedia), p => Assert.All(p.Shape.Colors, c => Assert.Contains(p.Images, i => i.Color == c.Name)));
    }

    [Fact]
    public void AdvancingTimeRevisesExactlyTheProductsItNamesAtTheNewClock()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var state = new CatalogState(new SyntheticCatalog(100, 5), time);
        var result = state.Advance(7, TimeSpan.FromHours(1));
        Assert.Equal(7, result.Modified.Distinct().Count());
        Assert.Equal(time.GetUtcNow().AddHours(1), result.Clock);
        var changed = state.Shapes().Where(s => state.Modified(s) >= result.Clock).Select(s => s.ProductId);
        Assert.Equal(result.Modified, changed);
        var revised = state.Find(result.Modified[0])!;
        Assert.Equal(1, revised.Revision);
        Assert.EndsWith("(rev 1)", revised.Name);
        Assert.Equal(result.Modified, new CatalogState(new SyntheticCatalog(100, 5), time).Advance(7, TimeSpan.FromHours(1)).Modified);
        var original = new SyntheticCatalog(100, 5);
        Assert.True(revised.Parts[0].Prices[0].Price > original.Product(original.IndexOf(revised.ProductId), 0).Parts[0].Prices[0].Price);
        var untouched = Enumerable.Range(0, 100).First(i => !result.Modified.Contains(SyntheticCatalog.ProductId(i)));
        Assert.Equal(Describe(original.Product(untouched, 0)), Describe(state.Product(untouched)));
    }

    private static string Describe(SimProduct p) =>
        $"{p.ProductId}|{p.Name}|{p.Brand}|{p.Kind}|{p.Modified:O}|" +
        string.Join(",", p.Parts.Select(x => $"{x.PartId}:{string.Join("/", x.Prices.Select(y => $"{y.MinQuantity}@{y.Price}"))}:{x.Stock.Sum(s => s.Quantity)}"));

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
