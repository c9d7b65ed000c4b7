using CatalogHub.Grains.Catalog;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>Pagination edges of GET /api/products over one supplier with 1,005 products.</summary>
public class ProductListPagingTests(ProductListPagingTests.Catalog catalog) : IClassFixture<ProductListPagingTests.Catalog>
{
    private const int Count = 1005;

    /// <summary>A hub holding one supplier's 1,005 products, written through the grains once for the class.</summary>
    public sealed class Catalog : IAsyncLifetime
    {
        public TestHub Hub { get; } = new();

        public Guid Supplier { get; } = Guid.NewGuid();

        public async Task InitializeAsync()
        {
            await Hub.InitializeAsync();
            await Task.WhenAll(Enumerable.Range(0, Count).Select(i =>
                Hub.UpsertProductAsync(new CanonicalProduct { SupplierId = Supplier, SupplierSku = $"P{i:D4}", ProductName = $"Product {i}" })));
        }

        public Task DisposeAsync() => Hub.DisposeAsync();
    }

    private Task<(System.Text.Json.JsonElement[] Items, long Total)> ListAsync(string paging) =>
        catalog.Hub.ListProductsAsync($"supplier_id={catalog.Supplier}&{paging}");

    [Fact]
    public async Task DefaultLimitIsFifty()
    {
        var (items, total) = await ListAsync("");
        Assert.Equal(50, items.Length);
        Assert.Equal(Count, total);
    }

    [Fact]
    public async Task LimitZeroReturnsAnEmptyListButTheTotal()
    {
        var (items, total) = await ListAsync("limit=0");
        Assert.Empty(items);
        Assert.Equal(Count, total);
    }

    [Fact]
    public async Task LimitOfAThousandIsServedAndAboveItIsCappedToAThousand()
    {
        Assert.Equal(1000, (await ListAsync("limit=1000")).Items.Length);
        Assert.Equal(1000, (await ListAsync("limit=1001")).Items.Length);
        Assert.Equal(1000, (await ListAsync("limit=2147483647")).Items.Length);
    }

    [Fact]
    public async Task PagesFollowOneStableOrderWithoutGapsOrOverlaps()
    {
        var all = CatalogTestData.Ids((await ListAsync("limit=1000")).Items)
            .Concat(CatalogTestData.Ids((await ListAsync("skip=1000&limit=1000")).Items)).ToList();
        Assert.Equal(Count, all.Distinct().Count());

        var pieces = new List<Guid>();
        for (var skip = 0; skip < 60; skip += 20)
        {
            pieces.AddRange(CatalogTestData.Ids((await ListAsync($"skip={skip}&limit=20")).Items));
        }

        Assert.Equal(all.Take(60), pieces);
        var (tail, total) = await ListAsync($"skip={Count - 5}");
        Assert.Equal(all.TakeLast(5), CatalogTestData.Ids(tail));
        Assert.Equal(Count, total);
        Assert.Empty((await ListAsync($"skip={Count}")).Items);
    }
}
