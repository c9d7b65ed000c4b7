using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>GET /api/products/{id}: seed 004's ProductRead shapes for apparel and print, and its 404.</summary>
public class ProductDetailTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<JsonElement> GetAsync(Guid id)
    {
        using var client = hub.Client();
        using var response = await client.GetAsync($"/api/products/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task AnApparelProductHasVariantsWithTierPricesImagesByColorOptionsAndApparelDetails()
    {
        var supplierName = $"SanMar {Guid.NewGuid():N}"[..20];
        var supplier = (await hub.SendAsync(HttpMethod.Post, "/api/suppliers", new { name = supplierName }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var id = await hub.UpsertProductAsync(new CanonicalProduct
        {
            SupplierId = supplier,
            SupplierSku = "PC61",
            ProductName = "Port & Company Essential Tee",
            Brand = "Port & Company",
            Description = "Our best-selling tee...",
            Variants =
            [
                new CanonicalVariant
                {
                    Sku = "PC61-NAT-S", Color = "Natural", Size = "S", BasePrice = 4.58m, Inventory = 1200, Warehouse = "LAS",
                    Prices = [new TierPrice("Net", 1, 11, 4.58m), new TierPrice("Net", 12, 143, 4.18m), new TierPrice("MSRP", 1, null, 10m)],
                },
                new CanonicalVariant { Sku = "PC61-HG-M", Color = "Heather Grey", Size = "M", BasePrice = 5.1m },
            ],
            Images =
            [
                new ProductImage { Url = "https://cdn.example/nat-back.jpg", Color = "Natural", ImageType = "back", SortOrder = 1 },
                new ProductImage { Url = "https://cdn.example/nat-front.jpg", Color = "Natural", ImageType = "front", SortOrder = 0 },
                new ProductImage { Url = "https://cdn.example/hg.jpg", Color = "Heather Grey", SortOrder = 2 },
                new ProductImage { Url = "https://cdn.example/any.jpg", SortOrder = 3 },
            ],
            Options =
            [
                new ProductOption
                {
                    OptionKey = "imprint_location", Title = "Imprint Location",
                    Attributes = [new OptionAttribute { Title = "Back", SortOrder = 1, Price = 1.5m }, new OptionAttribute { Title = "Left Chest" }],
                },
            ],
        });

        var p = await GetAsync(id);

        Assert.Equal(id, p.GetProperty("id").GetGuid());
        Assert.Equal(supplier, p.GetProperty("supplier_id").GetGuid());
        Assert.Equal(supplierName, p.GetProperty("supplier_name").GetString());
        Assert.False(p.GetProperty("supplier_has_decoration_overlay").GetBoolean());
        Assert.Equal("PC61", p.GetProperty("supplier_sku").GetString());
        Assert.Equal("Our best-selling tee...", p.GetProperty("description").GetString());
        Assert.Equal("apparel", p.GetProperty("product_type").GetString());
        foreach (var field in new[] { "last_synced", "archived_at", "ops_product_id", "external_catalogue", "category_id" })
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty(field).ValueKind);
        }

        var variant = p.GetProperty("variants")[0];
        Assert.Equal("PC61-NAT-S", variant.GetProperty("sku").GetString());
        Assert.Equal(NameBasedGuid.Variant(id, "PC61-NAT-S"), variant.GetProperty("id").GetGuid());
        Assert.Equal("Natural", variant.GetProperty("color").GetString());
        Assert.Equal("S", variant.GetProperty("size").GetString());
        Assert.Equal("4.58", variant.GetProperty("base_price").GetRawText());
        Assert.Equal(1200, variant.GetProperty("inventory").GetInt64());
        Assert.Equal("LAS", variant.GetProperty("warehouse").GetString());
        Assert.Equal(
            """[{"price_type":"Net","quantity_min":1,"quantity_max":11,"price":"4.58"},{"price_type":"Net","quantity_min":12,"quantity_max":143,"price":"4.18"},{"price_type":"MSRP","quantity_min":1,"quantity_max":null,"price":"10.00"}]""",
            variant.GetProperty("prices").GetRawText());
        Assert.Equal("5.1", p.GetProperty("variants")[1].GetProperty("base_price").GetRawText());

        var images = p.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(["https://cdn.example/nat-front.jpg", "https://cdn.example/nat-back.jpg", "https://cdn.example/hg.jpg", "https://cdn.example/any.jpg"],
            images.Select(i => i.GetProperty("url").GetString()));
        Assert.Equal(4, images.Select(i => i.GetProperty("id").GetGuid()).Distinct().Count());
        Assert.All(["supplier_image_url", "image_type", "color", "sort_order", "checksum"], f => Assert.True(images[0].TryGetProperty(f, out _), f));
        var byColor = p.GetProperty("images_by_color");
        Assert.Equal(["natural", "heather_grey"], byColor.EnumerateObject().Select(g => g.Name));
        Assert.Equal(["front", "back"], byColor.GetProperty("natural").EnumerateArray().Select(i => i.GetProperty("image_type").GetString()));
        Assert.Single(byColor.GetProperty("heather_grey").EnumerateArray());

        var option = Assert.Single(p.GetProperty("options").EnumerateArray());
        Assert.Equal("imprint_location", option.GetProperty("option_key").GetString());
        Assert.Equal("select", option.GetProperty("options_type").GetString());
        Assert.Equal(JsonValueKind.Null, option.GetProperty("master_option_id").ValueKind);
        Assert.Equal(["Left Chest", "Back"], option.GetProperty("attributes").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Equal(1.5m, option.GetProperty("attributes")[1].GetProperty("price").GetDecimal());

        Assert.Equal("""{"pricing_method":"tiered_variant","raw_payload":null}""", p.GetProperty("apparel_details").GetRawText());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("print_details").ValueKind);
        Assert.Empty(p.GetProperty("sizes").EnumerateArray());
    }

    [Fact]
    public async Task APrintProductHasPrintDetailsAndSizesAndNoApparelDetails()
    {
        var id = await hub.UpsertProductAsync(new CanonicalProduct
        {
            SupplierId = Guid.NewGuid(),
            SupplierSku = "BAN-1",
            ProductName = "Vinyl Banner",
            ProductType = ProductType.Print,
            PrintDetails = new PrintDetails { MinWidth = 12m, MaxWidth = 120.5m, MinHeight = 12m, MaxHeight = 60m, SizeUnit = "in", BasePricePerSqUnit = 0.0525m },
            Sizes = [new PrintSize(24m, 36m, "in", "2x3 ft"), new PrintSize(36m, 72m, "in", null)],
            Variants = [new CanonicalVariant { Sku = "BAN-1-13OZ", BasePrice = 12m }],
        });

        var p = await GetAsync(id);

        Assert.Equal("print", p.GetProperty("product_type").GetString());
        Assert.Equal(JsonValueKind.Null, p.GetProperty("apparel_details").ValueKind);
        Assert.Equal(
            """{"pricing_method":"formula","min_width":12,"max_width":120.5,"min_height":12,"max_height":60,"size_unit":"in","base_price_per_sq_unit":0.0525}""",
            p.GetProperty("print_details").GetRawText());
        Assert.Equal("""[{"width":24,"height":36,"unit":"in","label":"2x3 ft"},{"width":36,"height":72,"unit":"in","label":null}]""", p.GetProperty("sizes").GetRawText());
        Assert.Empty(p.GetProperty("images_by_color").EnumerateObject());
    }

    [Fact]
    public async Task SupplierNameIsNullForAStoreProductAndForASupplierIdWithoutASupplier()
    {
        var store = await hub.UpsertProductAsync(new CanonicalProduct { StoreNumber = "0001", Handle = $"h-{Guid.NewGuid():N}", ProductName = "Store Tee" });
        var unknown = await hub.UpsertProductAsync(CatalogTestData.Tee(Guid.NewGuid(), "NOSUP"));

        var storeProduct = await GetAsync(store);
        var unknownSupplier = await GetAsync(unknown);

        Assert.Equal(JsonValueKind.Null, storeProduct.GetProperty("supplier_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, storeProduct.GetProperty("supplier_name").ValueKind);
        Assert.Equal(JsonValueKind.Null, unknownSupplier.GetProperty("supplier_name").ValueKind);
    }

    [Theory]
    [InlineData("3fa85f64-5717-4562-b3fc-2c963f66afa6")]
    [InlineData("not-a-uuid")]
    public async Task AnUnknownOrMalformedIdIs404ProductNotFound(string id)
    {
        using var client = hub.Client();
        using var response = await client.GetAsync($"/api/products/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Product not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
