using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>GET /api/products filters over HTTP on a real PostgreSQL; each test owns its supplier, brand or tree.</summary>
public class ProductListFilterTests(TestHub hub) : IClassFixture<TestHub>
{
    private readonly ProductTestData _data = new(hub);

    [Fact]
    public async Task SupplierFilterReturnsOnlyThatSuppliersActiveProductsInNumberOrderWithTheTotal()
    {
        var supplier = Guid.NewGuid();
        var ids = new List<Guid>();
        foreach (var sku in new[] { "C3", "A1", "B2" })
        {
            ids.Add(await _data.UpsertAsync(ProductTestData.Tee(supplier, sku)));
        }

        await _data.UpsertAsync(ProductTestData.Tee(Guid.NewGuid(), "A1"));

        var (items, total) = await _data.ListAsync($"supplier_id={supplier}");

        Assert.Equal(3, total);
        Assert.Equal(ids, ProductTestData.Ids(items));
        var numbers = items.Select(i => i.GetProperty("number").GetInt64()).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.All(items, i => Assert.Equal(supplier, i.GetProperty("supplier_id").GetGuid()));
    }

    [Fact]
    public async Task ListRowsCarrySeed004FieldsAndAggregatesFollowVariantChanges()
    {
        var supplier = Guid.NewGuid();
        var tee = ProductTestData.Tee(supplier, "PC61");
        var id = await _data.UpsertAsync(tee);

        var row = Assert.Single((await _data.ListAsync($"supplier_id={supplier}")).Items);
        string[] seedFields =
        [
            "id", "supplier_id", "supplier_name", "supplier_sku", "product_name", "brand", "category", "category_id", "product_type",
            "image_url", "ops_product_id", "external_catalogue", "variant_count", "price_min", "price_max", "total_inventory", "archived_at",
        ];
        Assert.All(seedFields, f => Assert.True(row.TryGetProperty(f, out _), $"missing {f}"));
        Assert.Equal(id, row.GetProperty("id").GetGuid());
        Assert.Equal("apparel", row.GetProperty("product_type").GetString());
        Assert.Equal(2, row.GetProperty("variant_count").GetInt32());
        Assert.Equal("4.58", row.GetProperty("price_min").GetRawText());
        Assert.Equal("5", row.GetProperty("price_max").GetRawText());
        Assert.Equal(30, row.GetProperty("total_inventory").GetInt64());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("archived_at").ValueKind);

        await _data.UpsertAsync(tee with
        {
            Variants =
            [
                new CanonicalVariant { Sku = "PC61-S", BasePrice = 3.5m, Inventory = 1 },
                new CanonicalVariant { Sku = "PC61-L", BasePrice = 7.25m, Inventory = 2 },
                new CanonicalVariant { Sku = "PC61-XL", BasePrice = 9.98m, Inventory = 3 },
            ],
        });

        row = Assert.Single((await _data.ListAsync($"supplier_id={supplier}")).Items);
        Assert.Equal(3, row.GetProperty("variant_count").GetInt32());
        Assert.Equal(3.5m, row.GetProperty("price_min").GetDecimal());
        Assert.Equal(9.98m, row.GetProperty("price_max").GetDecimal());
        Assert.Equal(6, row.GetProperty("total_inventory").GetInt64());
    }

    [Fact]
    public async Task CategoryFilterIncludesEveryDescendantDownToTheFourthLevel()
    {
        var root = await _data.CategoryAsync("Apparel");
        var tops = await _data.CategoryAsync("Tops", root);
        var tees = await _data.CategoryAsync("T-Shirts", tops);
        var vnecks = await _data.CategoryAsync("V-Necks", tees);
        var other = await _data.CategoryAsync("Bags");
        var supplier = Guid.NewGuid();
        var byCategory = new Dictionary<Guid, Guid>();
        foreach (var (category, i) in new[] { root, tops, tees, vnecks, other }.Select((c, i) => (c, i)))
        {
            byCategory[category] = await _data.UpsertAsync(ProductTestData.Tee(supplier, $"CAT{i}") with { CategoryId = category, Category = $"c{i}" });
        }

        await _data.UpsertAsync(ProductTestData.Tee(supplier, "NOCAT"));

        async Task<Guid[]> Subtree(Guid category) => ProductTestData.Ids((await _data.ListAsync($"category_id={category}")).Items);

        Assert.Equal([byCategory[root], byCategory[tops], byCategory[tees], byCategory[vnecks]], await Subtree(root));
        Assert.Equal([byCategory[tees], byCategory[vnecks]], await Subtree(tees));
        Assert.Equal([byCategory[vnecks]], await Subtree(vnecks));
        Assert.Equal([byCategory[other]], await Subtree(other));
        var (none, total) = await _data.ListAsync($"category_id={Guid.NewGuid()}");
        Assert.Empty(none);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task CustomerFilterReturnsProductsWithAPushLogRowForThatCustomerOnce()
    {
        var supplier = Guid.NewGuid();
        var a = await _data.UpsertAsync(ProductTestData.Tee(supplier, "A"));
        var b = await _data.UpsertAsync(ProductTestData.Tee(supplier, "B"));
        var c = await _data.UpsertAsync(ProductTestData.Tee(supplier, "C"));
        var customer = await _data.CustomerAsync();
        var otherCustomer = await _data.CustomerAsync();
        await _data.PushLogAsync(customer, a);
        await _data.PushLogAsync(customer, c);
        await _data.PushLogAsync(customer, c);
        await _data.PushLogAsync(otherCustomer, b);

        var (items, total) = await _data.ListAsync($"customer_id={customer}");

        Assert.Equal([a, c], ProductTestData.Ids(items));
        Assert.Equal(2, total);
        Assert.Empty((await _data.ListAsync($"customer_id={Guid.NewGuid()}")).Items);
    }

    [Fact]
    public async Task BrandFilterIsExact()
    {
        var supplier = Guid.NewGuid();
        var brand = $"Brand {Guid.NewGuid():N}";
        var exact = await _data.UpsertAsync(ProductTestData.Tee(supplier, "X1", brand: brand));
        await _data.UpsertAsync(ProductTestData.Tee(supplier, "X2", brand: brand.ToUpperInvariant()));
        await _data.UpsertAsync(ProductTestData.Tee(supplier, "X3", brand: brand + " Kids"));

        var (items, total) = await _data.ListAsync($"brand={Uri.EscapeDataString(brand)}");

        Assert.Equal([exact], ProductTestData.Ids(items));
        Assert.Equal(1, total);
    }

    [Fact]
    public async Task QFindsASubstringOfNameSkuOrBrandIgnoringCase()
    {
        var supplier = Guid.NewGuid();
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var inName = await _data.UpsertAsync(ProductTestData.Tee(supplier, "N1", name: $"Heavy {word.ToUpperInvariant()} Hoodie"));
        var inSku = await _data.UpsertAsync(ProductTestData.Tee(supplier, $"SKU-{word}-9"));
        var inBrand = await _data.UpsertAsync(ProductTestData.Tee(supplier, "B1", brand: $"{char.ToUpperInvariant(word[0])}{word[1..]} & Co"));
        await _data.UpsertAsync(ProductTestData.Tee(supplier, "NONE"));

        var (items, total) = await _data.ListAsync($"q={word[2..10].ToUpperInvariant()}");

        Assert.Equal([inName, inSku, inBrand], ProductTestData.Ids(items));
        Assert.Equal(3, total);
    }

    [Fact]
    public async Task QNeverMatchesAcrossFieldBoundariesAndTakesWildcardsLiterally()
    {
        var supplier = Guid.NewGuid();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await _data.UpsertAsync(ProductTestData.Tee(supplier, $"beta{tag}", name: $"Tee alpha{tag}", brand: $"gamma{tag}"));
        var percent = await _data.UpsertAsync(ProductTestData.Tee(supplier, $"P{tag}", name: $"50% cotton {tag}"));

        Assert.Empty((await _data.ListAsync($"q=alpha{tag}beta{tag}")).Items);
        Assert.Empty((await _data.ListAsync($"q={tag}beta")).Items);
        Assert.Empty((await _data.ListAsync($"q={tag}gamma")).Items);
        Assert.Equal([percent], ProductTestData.Ids((await _data.ListAsync($"q={Uri.EscapeDataString($"% cotton {tag}")}")).Items));
        Assert.Empty((await _data.ListAsync($"q={Uri.EscapeDataString($"_0% cotton {tag}")}")).Items);
    }

    [Fact]
    public async Task ArchivedStoreNumberAndDiscontinuedFilterAsTheirValuesSay()
    {
        var store = $"s{Guid.NewGuid():N}"[..10];
        async Task<Guid> Store(string handle, DateTimeOffset? discontinued = null) =>
            await _data.UpsertAsync(new CanonicalProduct { StoreNumber = store, Handle = handle, ProductName = handle, DiscontinuedAt = discontinued });
        var active = await Store("active");
        var discontinued = await Store("discontinued", DateTimeOffset.UtcNow);
        var archived = await Store("archived");
        await _data.Grain(new ProductKey(ProductKey.StoreCatalog(store), "archived")).ArchiveAsync(ProductTestData.Source);
        await _data.UpsertAsync(new CanonicalProduct { StoreNumber = store + "x", Handle = "elsewhere", ProductName = "elsewhere" });

        Assert.Equal([active, discontinued], ProductTestData.Ids((await _data.ListAsync($"store_number={store}")).Items));
        Assert.Equal([active, discontinued], ProductTestData.Ids((await _data.ListAsync($"store_number={store}&archived=false")).Items));
        Assert.Equal([archived], ProductTestData.Ids((await _data.ListAsync($"store_number={store}&archived=TRUE")).Items));
        Assert.Equal([discontinued], ProductTestData.Ids((await _data.ListAsync($"store_number={store}&discontinued=true")).Items));
        Assert.Equal([active], ProductTestData.Ids((await _data.ListAsync($"store_number={store}&discontinued=false")).Items));
        var (both, total) = await _data.ListAsync($"store_number={store}&q=discontinued&discontinued=1");
        Assert.Equal([discontinued], ProductTestData.Ids(both));
        Assert.Equal(1, total);
    }

    [Theory]
    [InlineData("supplier_id=not-a-uuid", "supplier_id")]
    [InlineData("category_id=123", "category_id")]
    [InlineData("customer_id=x", "customer_id")]
    [InlineData("archived=maybe", "archived")]
    [InlineData("discontinued=yes please", "discontinued")]
    [InlineData("limit=-1", "limit")]
    [InlineData("skip=-5", "skip")]
    [InlineData("limit=ten", "limit")]
    [InlineData("skip=99999999999", "skip")]
    public async Task AMalformedOrNegativeValueIs422NamingTheField(string query, string field)
    {
        using var client = hub.Client();
        using var response = await client.GetAsync($"/api/products?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task ReadingNeedsTheReadScope()
    {
        using var ingestOnly = hub.Client(await _data.KeyAsync("ingest"));
        using var reader = hub.Client(await _data.KeyAsync("read"));
        using var anonymous = hub.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await ingestOnly.GetAsync("/api/products")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingestOnly.GetAsync($"/api/products/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/products")).StatusCode);
    }
}
