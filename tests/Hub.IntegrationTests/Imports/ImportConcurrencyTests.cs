using System.Net;
using CatalogHub.IntegrationTests.Ingest;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>
/// Writes of other paths to a catalog during its import are serialized with it and never lost: the import holds the
/// rows it writes until it commits, and a writer that waited for them finds a newer version and applies again on top.
/// </summary>
public class ImportConcurrencyTests(ImportHub hub) : IClassFixture<ImportHub>
{
    [Fact]
    public async Task AnIngestionWriteThatWaitsForAnImportIsAppliedOnTopOfIt()
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var catalog = $"store:{store}";
        var client = hub.Client();
        var feed = Enumerable.Range(0, 3).Select(i => FeedTestData.Product($"p{i}")).ToList();
        Assert.Equal(200, (await client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson(feed))).Status);
        var renamed = FeedTestData.Ndjson(feed.Select((p, i) => i == 0 ? FeedTestData.Product("p0", name: "Renamed by the feed") : p));
        var entry = IngestTestData.Body([("e1", new { handle = "p0", title = "Renamed by ingestion", variants = new[] { new { sku = "p0-0", price = 7m } } })]);

        var gate = hub.Faults.Hold("before-commit");
        try
        {
            // The second import has written p0 and holds it, uncommitted; an ingestion entry for p0 now waits for it.
            var import = client.ImportAsync(catalog, "type=full", renamed);
            await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var ingest = hub.Client().PostAsync($"/api/v1/ingest/products/{store}", entry);
            await HubClients.EventuallyAsync(
                () => hub.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
                waiting => waiting > 0 || ingest.IsCompleted, TimeSpan.FromSeconds(30), "the ingestion write waits for the import's row lock");
            Assert.False(ingest.IsCompleted, "the ingestion write should wait for the import to commit");

            gate.Open.SetResult();

            var (status, imported) = await import;
            Assert.Equal(200, status);
            Assert.Equal(("SUCCESS", 1), (imported.GetProperty("status").GetString(), imported.Summary("updated")));
            var (response, ingested) = await ingest;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("updated", ingested.GetProperty("results")[0].GetProperty("action").GetString());
        }
        finally
        {
            gate.Open.TrySetResult();
            hub.Faults.Set(null);
        }

        // Both writes are kept, in the order they committed: the import's as version 2, the ingestion's on top of it.
        Assert.Equal("3|Renamed by ingestion", await hub.ScalarAsync<string>(
            "SELECT version || '|' || product_name FROM products WHERE catalog = $1 AND key = 'p0'", catalog));
        Assert.Equal("product.created@1/feed,product.updated@2/feed,product.updated@3/ingest", await hub.ScalarAsync<string>(
            """
            SELECT string_agg(e.event_type || '@' || e.aggregate_version || '/' || e.source_kind, ',' ORDER BY e.aggregate_version)
            FROM outbox_events e JOIN products p ON p.id = e.aggregate_id WHERE p.catalog = $1 AND p.key = 'p0'
            """, catalog));
    }
}
