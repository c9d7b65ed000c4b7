using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>GET /api/products filters over HTTP on a real PostgreSQL; each test owns its supplier, brand or tree.</summary>
public class ProductListFilterTests(TestHub hub) : IClassFixture<TestHub>
{
    [Fact]
    public async Task SupplierFilterReturnsOnlyThatSuppliersActiveProductsInNumberOrderWithTheTotal()
    {
        var supplier = Guid.NewGuid();
        var ids = new List<Guid>();
        foreach (var sku in new[] { "C3", "A1", "B2" })
        {
            ids.Add(await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, sku)));
        }

        await hub.UpsertProductAsync(CatalogTestData.Tee(Guid.NewGuid(), "A1"));

        var (items, total) = await hub.ListProductsAsync($"supplier_id={supplier}");

        Assert.Equal(3, total);
        Assert.Equal(ids, CatalogTestData.Ids(items));
        var numbers = items.Select(i => i.GetProperty("number").GetInt64()).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.All(items, i => Assert.Equal(supplier, i.GetProperty("supplier_id").GetGuid()));
    }

    [Fact]
    public async Task ListRowsCarrySeed004FieldsAndAggregatesFollowVariantChanges()
    {
        var supplier = Guid.NewGuid();
        var tee = CatalogTestData.Tee(supplier, "PC61");
        var id = await hub.UpsertProductAsync(tee);

        var row = Assert.Single((await hub.ListProductsAsync($"supplier_id={supplier}")).Items);
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

        await hub.UpsertProductAsync(tee with
        {
            Variants =
            [
                new CanonicalVariant { Sku = "PC61-S", BasePrice = 3.5m, Inventory = 1 },
                new CanonicalVariant { Sku = "PC61-L", BasePrice = 7.25m, Inventory = 2 },
                new CanonicalVariant { Sku = "PC61-XL", BasePrice = 9.98m, Inventory = 3 },
            ],
        });

        row = Assert.Single((await hub.ListProductsAsync($"supplier_id={supplier}")).Items);
        Assert.Equal(3, row.GetProperty("variant_count").GetInt32());
        Assert.Equal(3.5m, row.GetProperty("price_min").GetDecimal());
        Assert.Equal(9.98m, row.GetProperty("price_max").GetDecimal());
        Assert.Equal(6, row.GetProperty("total_inventory").GetInt64());
    }

    [Fact]
    public async Task SupplierNameIsTheSuppliersCurrentNameAndNullForStoreProductsAndUnknownSuppliers()
    {
        var supplier = (await hub.SendAsync(HttpMethod.Post, "/api/suppliers", new { name = "SanMar" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var store = $"n{Guid.NewGuid():N}"[..10];
        var unknown = Guid.NewGuid();
        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "PC61"));
        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "PC54"));
        await hub.UpsertProductAsync(CatalogTestData.Tee(unknown, "PC61"));
        await hub.UpsertProductAsync(new CanonicalProduct { StoreNumber = store, Handle = "tee", ProductName = "Store Tee" });

        var (items, _) = await hub.ListProductsAsync($"supplier_id={supplier}");
        Assert.Equal(["SanMar", "SanMar"], items.Select(i => i.GetProperty("supplier_name").GetString()));
        Assert.Equal(JsonValueKind.Null, Assert.Single((await hub.ListProductsAsync($"supplier_id={unknown}")).Items).GetProperty("supplier_name").ValueKind);
        Assert.Equal(JsonValueKind.Null, Assert.Single((await hub.ListProductsAsync($"store_number={store}")).Items).GetProperty("supplier_name").ValueKind);

        await hub.SendAsync(HttpMethod.Patch, $"/api/suppliers/{supplier}", new { name = "SanMar Corporation" }, HttpStatusCode.OK);

        (items, _) = await hub.ListProductsAsync($"supplier_id={supplier}&limit=1");
        Assert.Equal("SanMar Corporation", Assert.Single(items).GetProperty("supplier_name").GetString());
    }

    [Fact]
    public async Task CategoryFilterIncludesEveryDescendantDownToTheFourthLevel()
    {
        var root = await hub.InsertCategoryAsync("Apparel");
        var tops = await hub.InsertCategoryAsync("Tops", root);
        var tees = await hub.InsertCategoryAsync("T-Shirts", tops);
        var vnecks = await hub.InsertCategoryAsync("V-Necks", tees);
        var other = await hub.InsertCategoryAsync("Bags");
        var supplier = Guid.NewGuid();
        var byCategory = new Dictionary<Guid, Guid>();
        foreach (var (category, i) in new[] { root, tops, tees, vnecks, other }.Select((c, i) => (c, i)))
        {
            byCategory[category] = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, $"CAT{i}") with { CategoryId = category, Category = $"c{i}" });
        }

        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "NOCAT"));

        async Task<Guid[]> Subtree(Guid category) => CatalogTestData.Ids((await hub.ListProductsAsync($"category_id={category}")).Items);

        Assert.Equal([byCategory[root], byCategory[tops], byCategory[tees], byCategory[vnecks]], await Subtree(root));
        Assert.Equal([byCategory[tees], byCategory[vnecks]], await Subtree(tees));
        Assert.Equal([byCategory[vnecks]], await Subtree(vnecks));
        Assert.Equal([byCategory[other]], await Subtree(other));
        var (none, total) = await hub.ListProductsAsync($"category_id={Guid.NewGuid()}");
        Assert.Empty(none);
        Assert.Equal(0, total);
    }

    [Fact]
    public async Task CustomerFilterReturnsProductsWithAPushLogRowForThatCustomerOnce()
    {
        var supplier = Guid.NewGuid();
        var a = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "A"));
        var b = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "B"));
        var c = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "C"));
        var customer = await hub.InsertCustomerAsync();
        var otherCustomer = await hub.InsertCustomerAsync();
        await hub.InsertPushLogAsync(customer, a);
        await hub.InsertPushLogAsync(customer, c);
        await hub.InsertPushLogAsync(customer, c);
        await hub.InsertPushLogAsync(otherCustomer, b);

        var (items, total) = await hub.ListProductsAsync($"customer_id={customer}");

        Assert.Equal([a, c], CatalogTestData.Ids(items));
        Assert.Equal(2, total);
        Assert.Empty((await hub.ListProductsAsync($"customer_id={Guid.NewGuid()}")).Items);
    }

    [Fact]
    public async Task BrandFilterIsExact()
    {
        var supplier = Guid.NewGuid();
        var brand = $"Brand {Guid.NewGuid():N}";
        var exact = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "X1", brand: brand));
        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "X2", brand: brand.ToUpperInvariant()));
        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "X3", brand: brand + " Kids"));

        var (items, total) = await hub.ListProductsAsync($"brand={Uri.EscapeDataString(brand)}");

        Assert.Equal([exact], CatalogTestData.Ids(items));
        Assert.Equal(1, total);
    }

    [Fact]
    public async Task QFindsASubstringOfNameSkuOrBrandIgnoringCase()
    {
        var supplier = Guid.NewGuid();
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var inName = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "N1", name: $"Heavy {word.ToUpperInvariant()} Hoodie"));
        var inSku = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, $"SKU-{word}-9"));
        var inBrand = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "B1", brand: $"{char.ToUpperInvariant(word[0])}{word[1..]} & Co"));
        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "NONE"));

        var (items, total) = await hub.ListProductsAsync($"q={word[2..10].ToUpperInvariant()}");

        Assert.Equal([inName, inSku, inBrand], CatalogTestData.Ids(items));
        Assert.Equal(3, total);
    }

    [Fact]
    public async Task QNeverMatchesAcrossFieldBoundariesAndTakesWildcardsLiterally()
    {
        var supplier = Guid.NewGuid();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, $"beta{tag}", name: $"Tee alpha{tag}", brand: $"gamma{tag}"));
        var percent = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, $"P{tag}", name: $"50% cotton {tag}"));

        Assert.Empty((await hub.ListProductsAsync($"q=alpha{tag}beta{tag}")).Items);
        Assert.Empty((await hub.ListProductsAsync($"q={tag}beta")).Items);
        Assert.Empty((await hub.ListProductsAsync($"q={tag}gamma")).Items);
        Assert.Equal([percent], CatalogTestData.Ids((await hub.ListProductsAsync($"q={Uri.EscapeDataString($"% cotton {tag}")}")).Items));
        Assert.Empty((await hub.ListProductsAsync($"q={Uri.EscapeDataString($"_0% cotton {tag}")}")).Items);
    }

    [Fact]
    public async Task ArchivedStoreNumberAndDiscontinuedFilterAsTheirValuesSay()
    {
        var store = $"s{Guid.NewGuid():N}"[..10];
        async Task<Guid> Store(string handle, DateTimeOffset? discontinued = null) =>
            await hub.UpsertProductAsync(new CanonicalProduct { StoreNumber = store, Handle = handle, ProductName = handle, DiscontinuedAt = discontinued });
        var active = await Store("active");
        var discontinued = await Store("discontinued", DateTimeOffset.UtcNow);
        var archived = await Store("archived");
        await hub.Grain(new ProductKey(ProductKey.StoreCatalog(store), "archived")).ArchiveAsync(CatalogTestData.Source);
        await hub.UpsertProductAsync(new CanonicalProduct { StoreNumber = store + "x", Handle = "elsewhere", ProductName = "elsewhere" });

        Assert.Equal([active, discontinued], CatalogTestData.Ids((await hub.ListProductsAsync($"store_number={store}")).Items));
        Assert.Equal([active, discontinued], CatalogTestData.Ids((await hub.ListProductsAsync($"store_number={store}&archived=false")).Items));
        Assert.Equal([archived], CatalogTestData.Ids((await hub.ListProductsAsync($"store_number={store}&archived=TRUE")).Items));
        Assert.Equal([discontinued], CatalogTestData.Ids((await hub.ListProductsAsync($"store_number={store}&discontinued=true")).Items));
        Assert.Equal([active], CatalogTestData.Ids((await hub.ListProductsAsync($"store_number={store}&discontinued=false")).Items));
        var (both, total) = await hub.ListProductsAsync($"store_number={store}&q=discontinued&discontinued=1");
        Assert.Equal([discontinued], CatalogTestData.Ids(both));
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
        using var ingestOnly = hub.Client(await hub.CreateKeyAsync("ingest"));
        using var reader = hub.Client(await hub.CreateKeyAsync("read"));
        using var anonymous = hub.Anonymous();

        Assert.Equal(HttpStatusCode.Forbidden, (await ingestOnly.GetAsync("/api/products")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ingestOnly.GetAsync($"/api/products/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/products")).StatusCode);
    }
}
