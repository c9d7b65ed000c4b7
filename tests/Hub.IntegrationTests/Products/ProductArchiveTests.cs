using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.IntegrationTests.Products;

/// <summary>POST /api/products/{id}/archive and /restore: idempotent, versioned, one outbox event per real change.</summary>
public class ProductArchiveTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<JsonElement> PostAsync(Guid id, string action)
    {
        using var client = hub.Client();
        using var response = await client.PostAsync($"/api/products/{id}/{action}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<string> EventsAsync(Guid id) => hub.ScalarAsync<string>(
        "SELECT coalesce(string_agg(event_type || ':' || aggregate_version, ',' ORDER BY seq), '') FROM outbox_events WHERE aggregate_id = $1", id);

    [Fact]
    public async Task ArchiveAndRestoreAreIdempotentBumpTheVersionAndLeaveOneEventPerChange()
    {
        var supplier = Guid.NewGuid();
        var id = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "ARC1"));

        var archived = await PostAsync(id, "archive");
        Assert.Equal(id, archived.GetProperty("id").GetGuid());
        Assert.Equal(2, archived.GetProperty("version").GetInt32());
        var archivedAt = archived.GetProperty("archived_at").GetDateTimeOffset();
        Assert.Equal(2, archived.GetProperty("variants").GetArrayLength());

        var again = await PostAsync(id, "archive");
        Assert.Equal(2, again.GetProperty("version").GetInt32());
        Assert.Equal(archivedAt, again.GetProperty("archived_at").GetDateTimeOffset());
        Assert.Equal("product.created:1,product.archived:2", await EventsAsync(id));
        Assert.Empty((await hub.ListProductsAsync($"supplier_id={supplier}")).Items);
        Assert.Equal([id], CatalogTestData.Ids((await hub.ListProductsAsync($"supplier_id={supplier}&archived=true")).Items));

        var restored = await PostAsync(id, "restore");
        Assert.Equal(3, restored.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, restored.GetProperty("archived_at").ValueKind);
        Assert.Equal(3, (await PostAsync(id, "restore")).GetProperty("version").GetInt32());
        Assert.Equal("product.created:1,product.archived:2,product.restored:3", await EventsAsync(id));
        Assert.Equal(NameBasedGuid.ProductEvent(id, 3), await hub.ScalarAsync<Guid>(
            "SELECT id FROM outbox_events WHERE aggregate_id = $1 AND event_type = 'product.restored'", id));
        Assert.Equal([id], CatalogTestData.Ids((await hub.ListProductsAsync($"supplier_id={supplier}")).Items));
    }

    [Fact]
    public async Task AContentUpsertAfterArchivingKeepsTheProductArchivedAndContinuesTheVersions()
    {
        var supplier = Guid.NewGuid();
        var tee = CatalogTestData.Tee(supplier, "ARC2");
        var id = await hub.UpsertProductAsync(tee);
        await PostAsync(id, "archive");

        var grain = hub.Grain(new ProductKey(ProductKey.SupplierCatalog(supplier), "ARC2"));
        var updated = await grain.UpsertAsync(tee with { ProductName = "Renamed Tee" }, CatalogTestData.Source);

        Assert.Equal(UpsertOutcome.Updated, updated.Outcome);
        Assert.Equal(3, updated.Version);
        var (items, _) = await hub.ListProductsAsync($"supplier_id={supplier}&archived=true");
        Assert.Equal("Renamed Tee", Assert.Single(items).GetProperty("product_name").GetString());
        Assert.Equal("product.created:1,product.archived:2,product.updated:3", await EventsAsync(id));
    }

    [Fact]
    public async Task AnArchiveBehindTheGrainsBackIsAConflictTheGrainResolves()
    {
        var supplier = Guid.NewGuid();
        var id = await hub.UpsertProductAsync(CatalogTestData.Tee(supplier, "ARC3"));
        // Another writer (e.g. a feed import) bumps the version after the grain read it.
        await hub.ScalarAsync<int>("UPDATE products SET version = version + 1 WHERE id = $1 RETURNING version", id);

        var result = await hub.Grain(new ProductKey(ProductKey.SupplierCatalog(supplier), "ARC3")).ArchiveAsync(CatalogTestData.Source);

        Assert.Equal(new ArchiveResult(ArchiveOutcome.Changed, 3), result);
        Assert.Equal(3, await hub.ScalarAsync<int>("SELECT version FROM products WHERE id = $1 AND archived_at IS NOT NULL", id));
    }

    [Theory]
    [InlineData("archive")]
    [InlineData("restore")]
    public async Task AnUnknownProductIs404AndTheActionNeedsTheAdminScope(string action)
    {
        using var admin = hub.Client();
        using var missing = await admin.PostAsync($"/api/products/{Guid.NewGuid()}/{action}", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("Product not found", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var malformed = await admin.PostAsync($"/api/products/nope/{action}", null);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);

        var id = await hub.UpsertProductAsync(CatalogTestData.Tee(Guid.NewGuid(), "ARC4"));
        using var reader = hub.Client(await hub.CreateKeyAsync("read", "ingest"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/api/products/{id}/{action}", null)).StatusCode);
        Assert.Equal("product.created:1", await EventsAsync(id));
    }
}
