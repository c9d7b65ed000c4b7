using System.Text.Json;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>Each import type, both content types, gzip, and what a re-import writes (nothing).</summary>
public class ImportTypeTests(ImportHub hub) : IClassFixture<ImportHub>
{
    private readonly HttpClient _client = hub.Client();

    [Fact]
    public async Task FullGzipNdjsonImportCreatesEveryProductAndAnIdenticalReimportWritesNothing()
    {
        var catalog = FeedTestData.NewCatalog();
        var body = FeedTestData.Ndjson(Enumerable.Range(0, 10).Select(i => FeedTestData.Product($"p{i}")));

        var (status, json) = await _client.ImportAsync(catalog, "type=full&name=first", body, gzip: true);

        Assert.Equal(200, status);
        Assert.Equal("SUCCESS", json.GetProperty("status").GetString());
        Assert.Equal("", json.GetProperty("reason").GetString());
        Assert.Equal(10, json.Summary("created"));
        Assert.Equal(20L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM variants WHERE catalog = $1", catalog));
        var before = await FeedTestData.DumpAsync(hub.ConnectionString, catalog);

        var (again, second) = await _client.ImportAsync(catalog, "type=full", body, gzip: true);

        Assert.Equal(200, again);
        Assert.Equal((0, 0, 10, 0), (second.Summary("created"), second.Summary("updated"), second.Summary("unchanged"), second.Summary("archived")));
        Assert.Equal(before, await FeedTestData.DumpAsync(hub.ConnectionString, catalog));
    }

    [Fact]
    public async Task FullJsonImportArchivesWhatItLeavesOutAndRestoresWhatComesBack()
    {
        var catalog = FeedTestData.NewCatalog();
        var all = Enumerable.Range(0, 6).Select(i => FeedTestData.Product($"p{i}")).ToList();
        Assert.Equal(200, (await _client.ImportAsync(catalog, "type=full", FeedTestData.Json(all), "application/json")).Status);

        var (status, json) = await _client.ImportAsync(catalog, "type=full", FeedTestData.Json(all.Skip(2)), "application/json", gzip: true);

        Assert.Equal(200, status);
        Assert.Equal((0, 0, 4, 2), (json.Summary("created"), json.Summary("updated"), json.Summary("unchanged"), json.Summary("archived")));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog = $1 AND archived_at IS NOT NULL", catalog));
        Assert.Equal(2L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM outbox_events WHERE catalog = $1 AND event_type = 'product.archived' AND source_kind = 'feed'", catalog));

        var (back, restored) = await _client.ImportAsync(catalog, "type=full", FeedTestData.Json(all), "application/json");

        Assert.Equal(200, back);
        Assert.Equal((0, 2, 4, 0), (restored.Summary("created"), restored.Summary("updated"), restored.Summary("unchanged"), restored.Summary("archived")));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog = $1 AND archived_at IS NOT NULL", catalog));
        Assert.Equal(3, await Sql.ScalarAsync<int>(hub.ConnectionString, "SELECT version FROM products WHERE catalog = $1 AND key = 'p0'", catalog));
    }

    [Fact]
    public async Task PartialImportReplacesWholeProductsChangesVariantsAndArchivesRemovals()
    {
        var catalog = FeedTestData.NewCatalog();
        await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson(Enumerable.Range(0, 5).Select(i => FeedTestData.Product($"p{i}", variants: 3))));

        var (status, json) = await _client.ImportAsync(catalog, "type=partial", FeedTestData.Ndjson(
        [
            FeedTestData.Product("p0", variants: 1, name: "Fewer variants"),
            FeedTestData.Product("p1", variants: 5),
            FeedTestData.Product("new", variants: 2),
            new { remove = "p4" },
        ]));

        Assert.Equal(200, status);
        Assert.Equal((1, 2, 0, 1), (json.Summary("created"), json.Summary("updated"), json.Summary("unchanged"), json.Summary("archived")));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1 AND p.key = 'p0'", catalog));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1 AND p.key = 'p1'", catalog));
        Assert.Equal("Fewer variants", await Sql.ScalarAsync<string>(hub.ConnectionString, "SELECT product_name FROM products WHERE catalog = $1 AND key = 'p0'", catalog));
        Assert.True(await Sql.ScalarAsync<bool>(hub.ConnectionString, "SELECT archived_at IS NOT NULL FROM products WHERE catalog = $1 AND key = 'p4'", catalog));
        Assert.Equal(1, await Sql.ScalarAsync<int>(hub.ConnectionString, "SELECT version FROM products WHERE catalog = $1 AND key = 'p2'", catalog));
    }

    [Fact]
    public async Task AttributesImportChangesPriceStockAndAttributesOfExistingTargetsOnly()
    {
        var catalog = FeedTestData.NewCatalog();
        await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson([FeedTestData.Product("p0"), FeedTestData.Product("p1")]));

        var (status, json) = await _client.ImportAsync(catalog, "type=attributes", FeedTestData.Ndjson(
        [
            new { key = "p0", sku = "p0-1", set = new { price = 99.5m, stock = 42 } },
            new { key = "p0", set = new { name = "Renamed" }, attributes = new[] { new { id = "fabric", name = "Fabric", value = "Cotton" } } },
            new { key = "p1", sku = "p1-0", set = new { price = 10m } },
        ]));

        Assert.Equal(200, status);
        Assert.Equal((0, 1, 1, 0), (json.Summary("created"), json.Summary("updated"), json.Summary("unchanged"), json.Summary("archived")));
        Assert.Equal(99.5m, await Sql.ScalarAsync<decimal>(hub.ConnectionString, "SELECT base_price FROM variants WHERE catalog = $1 AND sku = 'p0-1'", catalog));
        Assert.Equal(42L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT inventory FROM variants WHERE catalog = $1 AND sku = 'p0-1'", catalog));
        Assert.Equal("Cotton", await Sql.ScalarAsync<string>(hub.ConnectionString, "SELECT metafields->>'custom_attributes.fabric' FROM products WHERE catalog = $1 AND key = 'p0'", catalog));

        var (unknown, errors) = await _client.ImportAsync(catalog, "type=attributes", FeedTestData.Ndjson(
        [
            new { key = "p0", sku = "nope", set = new { price = 1m } },
            new { key = "missing", set = new { name = "x" } },
        ]));

        Assert.Equal(400, unknown);
        Assert.Equal("INVALID_FEED", errors.GetProperty("code").GetString());
        Assert.Equal(["$[0].sku", "$[1].key"], errors.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!).Order());
    }

    [Fact]
    public async Task AnInvalidFeedAnswers400WithEveryErrorAndAppliesNothing()
    {
        var catalog = FeedTestData.NewCatalog();
        await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson([FeedTestData.Product("p0")]));
        var before = await FeedTestData.DumpAsync(hub.ConnectionString, catalog);

        var (status, json) = await _client.ImportAsync(catalog, "type=partial", FeedTestData.Ndjson(
        [
            FeedTestData.Product("p0", price: 20m),
            new { key = "bad", name = "", variants = new object[] { new { sku = "b-1", price = -1 } }, colour = "red" },
            FeedTestData.Product("p0"),
        ]));

        Assert.Equal(400, status);
        Assert.Equal("FAILURE", json.GetProperty("status").GetString());
        var paths = json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Contains("$[1].name", paths);
        Assert.Contains("$[1].variants[0].price", paths);
        Assert.Contains("$[1].colour", paths);
        Assert.Contains("$[2]", paths);
        Assert.Equal(before, await FeedTestData.DumpAsync(hub.ConnectionString, catalog));

        var (broken, brokenJson) = await _client.ImportAsync(catalog, "type=full", "{\"key\": \"p0\", "u8.ToArray());
        Assert.Equal(400, broken);
        Assert.StartsWith("$[0]", brokenJson.GetProperty("errors")[0].GetProperty("path").GetString());
    }

    [Fact]
    public async Task HarmfulImportsAreRefusedWithTheirFiguresUnlessForced()
    {
        var catalog = FeedTestData.NewCatalog();
        await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson(Enumerable.Range(0, 10).Select(i => FeedTestData.Product($"p{i}"))));
        var fewer = FeedTestData.Ndjson(Enumerable.Range(0, 4).Select(i => FeedTestData.Product($"p{i}")));

        var (status, json) = await _client.ImportAsync(catalog, "type=full", fewer);

        Assert.Equal(400, status);
        Assert.Equal("HARMFUL_IMPORT", json.GetProperty("code").GetString());
        Assert.Contains("would archive 6 of 10 active products", json.GetProperty("reason").GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM products WHERE catalog = $1 AND archived_at IS NOT NULL", catalog));

        var (removing, removal) = await _client.ImportAsync(catalog, "type=partial", FeedTestData.Ndjson(Enumerable.Range(0, 6).Select(i => new { remove = $"p{i}" })));
        Assert.Equal(400, removing);
        Assert.Contains("would remove 6 of 10", removal.GetProperty("reason").GetString());

        var (forced, done) = await _client.ImportAsync(catalog, "type=full&force=true", fewer);

        Assert.Equal(200, forced);
        Assert.Equal(6, done.Summary("archived"));
    }

    [Fact]
    public async Task OneAttributeIdHasOneNameInAnImportAndTheLatestImportRenamesItCatalogWide()
    {
        var catalog = FeedTestData.NewCatalog();
        var fabric = new object[] { new { id = "a1", name = "Fabric", value = "Cotton" } };
        var material = new object[] { new { id = "a1", name = "Material", value = "Wool" } };

        var (conflict, json) = await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson(
            [FeedTestData.Product("p0", attributes: fabric), FeedTestData.Product("p1", attributes: material)]));

        Assert.Equal(400, conflict);
        var error = Assert.Single(json.GetProperty("errors").EnumerateArray());
        Assert.Equal("$[1].attributes[0]", error.GetProperty("path").GetString());
        Assert.Contains("'Material'", error.GetProperty("message").GetString());
        Assert.Contains("'Fabric'", error.GetProperty("message").GetString());

        Assert.Equal(200, (await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson([FeedTestData.Product("p0", attributes: fabric), FeedTestData.Product("p1", attributes: fabric)]))).Status);
        Assert.Equal(200, (await _client.ImportAsync(catalog, "type=partial", FeedTestData.Ndjson([FeedTestData.Product("p1", attributes: material)]))).Status);

        Assert.Equal("Material", await Sql.ScalarAsync<string>(hub.ConnectionString, "SELECT name FROM catalog_attributes WHERE catalog = $1 AND attribute_id = 'a1'", catalog));
        Assert.Equal("Cotton", await Sql.ScalarAsync<string>(hub.ConnectionString, "SELECT metafields->>'custom_attributes.a1' FROM products WHERE catalog = $1 AND key = 'p0'", catalog));
    }

    [Fact]
    public async Task ValidationOnlyReportsWhatWouldChangeWithoutApplyingOrQueueing()
    {
        var catalog = FeedTestData.NewCatalog();
        await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson([FeedTestData.Product("p0")]));
        var before = await FeedTestData.DumpAsync(hub.ConnectionString, catalog);

        var (status, json) = await _client.ImportAsync(catalog, "type=partial&validationOnly=true", FeedTestData.Ndjson([FeedTestData.Product("p0", price: 5m), FeedTestData.Product("p9")]));

        Assert.Equal(200, status);
        Assert.Equal((1, 1), (json.Summary("created"), json.Summary("updated")));
        Assert.True(json.GetProperty("validation_only").GetBoolean());
        Assert.Equal(before, await FeedTestData.DumpAsync(hub.ConnectionString, catalog));
    }
}
