using System.IO.Compression;
using System.Text;
using System.Text.Json;
using CatalogHub.Api.Imports;
using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Imports;
using CatalogHub.Grains.Imports.Feed;

namespace CatalogHub.UnitTests.Imports;

public class FeedRulesTests
{
    private const string Catalog = "store:9975";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    private static FeedValidator Validate(ImportType type, params string[] items)
    {
        var validator = new FeedValidator(type, Catalog, 100);
        for (var i = 0; i < items.Length; i++)
        {
            validator.Add(i, Json(items[i]));
        }

        return validator;
    }

    [Fact]
    public void AProductItemBecomesTheCanonicalProductOfItsStoreCatalog()
    {
        var errors = new List<FeedError>();
        var item = FeedItemMapper.Map(Json("""
            {"key":"tee","name":"Tee","categories":["Tops","Tees"],"images":[{"url":"https://x.example/t.jpg","color":"Navy"}],
             "attributes":[{"id":"fit","name":"Fit","value":"Slim"}],
             "variants":[{"sku":"T-S","size":"S","color":"Navy","price":9.5,"stock":3,"attributes":[{"id":"gsm","name":"Weight","value":"180"}]}]}
            """), 0, ImportType.Full, Catalog, errors);

        Assert.Empty(errors);
        var product = Assert.IsType<FeedProduct>(item).Product;
        Assert.Equal(("9975", "tee", "Tops"), (product.StoreNumber, product.Handle, product.Category));
        Assert.Equal("Tops | Tees", product.Metafields["feed.categories"]);
        Assert.Equal("Slim", product.Metafields["custom_attributes.fit"]);
        var variant = Assert.Single(product.Variants);
        Assert.Equal((9.5m, 3L, "180"), (variant.BasePrice, variant.Inventory, variant.Metafields["custom_attributes.gsm"]));
        Assert.Equal("https://x.example/t.jpg", product.ImageUrl);
        Assert.Equal(2, ((FeedProduct)item!).Attributes.Count);
    }

    [Fact]
    public void EveryErrorOfAnItemIsNamedByItsPath()
    {
        var v = Validate(ImportType.Full, """{"key":"","name":3,"variants":[{"sku":"a","price":"x","stock":1.5},{"sku":"a"}],"extra":1}""");

        Assert.Equal(
            ["$[0].extra", "$[0].key", "$[0].name", "$[0].variants[0].price", "$[0].variants[0].stock", "$[0].variants[1].sku"],
            v.Errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void AKeyTwiceRemovalsOutsidePartialAndModificationsMisplacedFieldsAreErrors()
    {
        var product = """{"key":"a","name":"A","variants":[]}""";
        Assert.Contains("appears twice", Validate(ImportType.Partial, product, """{"remove":"a"}""").Errors.Single().Message);
        Assert.Equal("$[0].remove", Validate(ImportType.Full, """{"remove":"a"}""").Errors.Single().Path);
        Assert.Equal("$[0].set.price", Validate(ImportType.Attributes, """{"key":"a","set":{"price":1}}""").Errors.Single().Path);
        Assert.Equal("$[0].set.name", Validate(ImportType.Attributes, """{"key":"a","sku":"s","set":{"name":"x"}}""").Errors.Single().Path);
        Assert.Equal("$[0].variants", Validate(ImportType.Full, """{"key":"a","name":"A"}""").Errors.Single().Path);
    }

    [Fact]
    public void AnAttributeIdWithTwoNamesInOneImportNamesBothPlaces()
    {
        var v = Validate(ImportType.Full,
            """{"key":"a","name":"A","attributes":[{"id":"c","name":"Color","value":"red"}],"variants":[]}""",
            """{"key":"b","name":"B","variants":[{"sku":"s","attributes":[{"id":"c","name":"Colour","value":"red"}]}]}""");

        var error = Assert.Single(v.Errors);
        Assert.Equal("$[1].variants[0].attributes[0]", error.Path);
        Assert.Contains("'Colour'", error.Message);
        Assert.Contains("'Color' at $[0].attributes[0]", error.Message);
    }

    [Fact]
    public void ErrorsPastTheCapAreCountedNotKept()
    {
        var v = new FeedValidator(ImportType.Full, Catalog, 2);
        for (var i = 0; i < 5; i++)
        {
            v.Add(i, Json("""{"key":"x"}"""));
        }

        Assert.Equal(2, v.Errors.Count);
        Assert.True(v.ErrorCount > 5);
        Assert.Contains("the first 2 are listed", v.Reason());
    }

    [Theory]
    [InlineData(ImportType.Full, 10, 5, false)]
    [InlineData(ImportType.Full, 10, 6, true)]
    [InlineData(ImportType.Partial, 10, 6, true)]
    [InlineData(ImportType.Full, 0, 0, false)]
    [InlineData(ImportType.Attributes, 10, 10, false)]
    public void HarmfulMeansMoreThanTheShareOfActiveProducts(ImportType type, long active, long affected, bool refused)
    {
        Assert.Equal(refused, HarmCheck.Refusal(type, active, affected, 0.5) is not null);
    }

    [Fact]
    public void TheRefusalGivesTheFigures()
    {
        Assert.StartsWith("The import would archive 5,210 of 9,800 active products (53%)", HarmCheck.Refusal(ImportType.Full, 9800, 5210, 0.5));
    }

    [Fact]
    public void AModificationChangesOnlyWhatItNames()
    {
        var product = new CanonicalProduct
        {
            ProductName = "A",
            Metafields = new Dictionary<string, string> { ["custom_attributes.x"] = "1" },
            Variants = [new CanonicalVariant { Sku = "s", BasePrice = 5m, Inventory = 2 }, new CanonicalVariant { Sku = "t", BasePrice = 6m }],
        };

        var priced = FeedModifications.Apply(product, new FeedModification(0, "a", "s", new FeedChanges { Price = 7m }, []));
        var renamed = FeedModifications.Apply(product, new FeedModification(0, "a", null, new FeedChanges { Name = "B" }, [new FeedAttribute("x", "X", null, "$")]));

        Assert.Equal((7m, 2L, 6m), (priced.Variants[0].BasePrice!.Value, priced.Variants[0].Inventory, priced.Variants[1].BasePrice!.Value));
        Assert.Equal("B", renamed.ProductName);
        Assert.Empty(renamed.Metafields);
    }

    [Fact]
    public async Task NdjsonGzipAndJsonArraysStreamTheSameItems()
    {
        var ndjson = Encoding.UTF8.GetBytes("{\"a\":1}\n\n{\"a\":2}\n");
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(ndjson);
        }

        packed.Position = 0;
        var fromGzip = await Items(packed, FeedFormat.Ndjson, gzip: true);
        var fromJson = await Items(new MemoryStream(Encoding.UTF8.GetBytes("[{\"a\":1},{\"a\":2}]")), FeedFormat.Json, gzip: false);

        Assert.Equal([1, 2], fromGzip);
        Assert.Equal([1, 2], fromJson);
        await Assert.ThrowsAsync<InvalidDataException>(() => Items(new MemoryStream(ndjson), FeedFormat.Ndjson, gzip: true));
        await Assert.ThrowsAnyAsync<JsonException>(() => Items(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":1}")), FeedFormat.Json, gzip: false));
    }

    [Theory]
    [InlineData("PT1M", 60)]
    [InlineData("PT0S", 0)]
    [InlineData("PT0.5S", 0.5)]
    [InlineData(null, 30)]
    public void BlockingTimeoutIsAnIsoDurationUpToFiveMinutes(string? text, double seconds)
    {
        var (request, errors, _) = ImportRequestRules.Parse(Catalog, "full", text, null, null, null, "application/x-ndjson", "gzip");
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(seconds), request!.BlockingTimeout);
        Assert.True(request.Gzip);
    }

    [Theory]
    [InlineData("PT6M")]
    [InlineData("1 minute")]
    [InlineData("-PT1M")]
    public void OtherBlockingTimeoutsAreRefused(string text)
    {
        Assert.Equal("blockingTimeout", ImportRequestRules.Parse(Catalog, "full", text, null, null, null, "application/json", null).Errors.Single().Field);
    }

    [Fact]
    public void CatalogTypeFlagsAndMediaAreChecked()
    {
        var (_, errors, unsupported) = ImportRequestRules.Parse("shop:1", "bulk", null, "yes", null, "no", "text/csv", null);
        Assert.Equal(["catalog", "force", "type", "validationOnly"], errors.Select(e => e.Field).Order());
        Assert.NotNull(unsupported);
        Assert.True(ImportRequestRules.IsCatalog($"supplier:{Guid.NewGuid()}"));
        Assert.Equal("Content-Encoding must be gzip or none", ImportRequestRules.Parse(Catalog, "full", null, null, null, null, "application/json", "br").Unsupported);
    }

    private static async Task<List<int>> Items(Stream body, FeedFormat format, bool gzip)
    {
        var list = new List<int>();
        await foreach (var (_, item) in FeedReader.ItemsAsync(body, format, gzip))
        {
            list.Add(item.GetProperty("a").GetInt32());
        }

        return list;
    }
}
