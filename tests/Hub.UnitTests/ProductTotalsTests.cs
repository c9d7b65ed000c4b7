using CatalogHub.Api.Products;
using Microsoft.Extensions.Options;

namespace CatalogHub.UnitTests;

public class ProductTotalsTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly ProductListQuery Supplier = new() { SupplierId = Guid.NewGuid() };

    private static (ProductTotals Totals, Clock Clock) Create(int seconds = 5)
    {
        var clock = new Clock();
        return (new ProductTotals(Options.Create(new ProductListOptions { TotalCacheSeconds = seconds, TotalCacheMinimum = 1000 }), clock), clock);
    }

    [Fact]
    public void ALargeTotalIsSharedByEveryPageOfTheFilterUntilItExpires()
    {
        var (totals, clock) = Create();
        totals.Remember(Supplier with { Skip = 100, Limit = 20 }, 5000);

        Assert.Equal(5000, totals.Find(Supplier with { Skip = 0, Limit = 1000 }));
        Assert.Null(totals.Find(Supplier with { Archived = true }));
        Assert.Null(totals.Find(Supplier with { Q = "tee" }));
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.Null(totals.Find(Supplier));
    }

    [Fact]
    public void SmallTotalsAreNeverRemembered()
    {
        var (totals, _) = Create();
        totals.Remember(Supplier, 999);
        Assert.Null(totals.Find(Supplier));
    }

    [Fact]
    public void SearchTotalsAreRememberedWhateverTheirSize()
    {
        var (totals, clock) = Create();
        var search = Supplier with { Q = "hoodie", CategoryId = Guid.NewGuid() };
        totals.Remember(search, 813);
        Assert.Equal(813, totals.Find(search with { Skip = 50 }));
        clock.Now += TimeSpan.FromSeconds(5);
        Assert.Null(totals.Find(search));
    }

    [Fact]
    public void ZeroSecondsTurnsTheMemoryOff()
    {
        var (totals, _) = Create(seconds: 0);
        totals.Remember(Supplier, 50_000);
        Assert.Null(totals.Find(Supplier));
    }
}
