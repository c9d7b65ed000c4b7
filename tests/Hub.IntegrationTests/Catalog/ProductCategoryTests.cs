using System.Net;
using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.IntegrationTests.Catalog;

/// <summary>A product's category_id must name a category: otherwise a validation error naming the field, and nothing written.</summary>
public class ProductCategoryTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<Guid> CategoryAsync() =>
        (await hub.SendAsync(HttpMethod.Post, "/api/categories", new { name = $"c-{Guid.NewGuid():N}" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private Task<long> CountAsync(string table, Guid product) => hub.ScalarAsync<long>(
        table == "products" ? "SELECT count(*) FROM products WHERE id = $1" : "SELECT count(*) FROM outbox_events WHERE aggregate_id = $1", product);

    private static void AssertUnknownCategory(ProductValidationException error, Guid category)
    {
        var message = Assert.Single(Assert.Contains(ProductValidationException.CategoryIdField, error.Errors));
        Assert.Contains(category.ToString(), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreateWithAnUnknownCategoryIsAValidationErrorAndWritesNothing()
    {
        var key = CatalogTestData.NewKey();
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ProductValidationException>(() => hub.UpsertAsync(key, CatalogTestData.Product(categoryId: unknown)));

        AssertUnknownCategory(error, unknown);
        var id = NameBasedGuid.Product(key.Catalog, key.Key);
        Assert.Equal(0, await CountAsync("products", id));
        Assert.Equal(0, await CountAsync("outbox_events", id));
        // The grain is still usable: the same product with a real category is created.
        var category = await CategoryAsync();
        var created = await hub.UpsertAsync(key, CatalogTestData.Product(categoryId: category));
        Assert.Equal(UpsertOutcome.Created, created.Outcome);
        Assert.Equal(category, await hub.ScalarAsync<Guid>("SELECT category_id FROM products WHERE id = $1", id));
    }

    [Fact]
    public async Task AnUpdateToAnUnknownCategoryIsAValidationErrorAndChangesNothing()
    {
        var key = CatalogTestData.NewKey();
        var category = await CategoryAsync();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m, category))).ProductId;
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<ProductValidationException>(() => hub.UpsertAsync(key, CatalogTestData.Product(4m, unknown)));

        AssertUnknownCategory(error, unknown);
        Assert.Equal($"1|{category}|3.0000", await hub.ScalarAsync<string>(
            "SELECT concat_ws('|', version, category_id, price_min) FROM products WHERE id = $1", product));
        Assert.Equal(1, await CountAsync("outbox_events", product));
    }

    [Fact]
    public async Task AnUnknownCategoryInAGroupCommitFailsAloneWithoutSplittingTheBatch()
    {
        await using var sessions = NpgsqlDataSource.Create(hub.ConnectionString);
        var store = new CatalogStore(sessions, Options.Create(new CatalogStoreOptions { Committers = 1 }), NullLogger<CatalogStore>.Instance);
        var category = await CategoryAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => CatalogTestData.NewKey()).ToArray();
        // Queued before the store starts: one batch, with the unknown category in the middle.
        var writes = keys.Select((k, i) => store.WriteAsync(new ProductWrite(
            ProductContent.Prepare(k, CatalogTestData.Product(categoryId: i == 10 ? Guid.NewGuid() : category)), null, CatalogTestData.Source, DateTimeOffset.UtcNow))).ToArray();
        await store.StartAsync(CancellationToken.None);
        try
        {
            var results = await Task.WhenAll(writes).WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(WriteStatus.UnknownCategory, results[10].Status);
            Assert.All(results.Where((_, i) => i != 10), r => Assert.Equal(WriteStatus.Written, r.Status));
            Assert.Equal(0, store.IsolatedBatches);
            Assert.Equal(19, await hub.ScalarAsync<long>("SELECT count(*) FROM products WHERE category_id = $1", category));
        }
        finally
        {
            await store.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ACategoryDeletedWhileTheWriteWaitedIsTheSameValidationError()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var category = await CategoryAsync();
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var holder = await db.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var share = new NpgsqlCommand("SELECT 1 FROM products WHERE id = $1 FOR SHARE", holder, tx))
        {
            share.Parameters.AddWithValue(product);
            await share.ExecuteNonQueryAsync();
        }

        // The write's statement sees the category, then waits for the product row ...
        var write = hub.UpsertAsync(key, CatalogTestData.Product(3m, category));
        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0 || write.IsCompleted, TimeSpan.FromSeconds(30), "the product write waits for the row lock");
        Assert.False(write.IsCompleted, "the write should wait for the FOR SHARE lock");
        // ... while the category, still without products, is deleted; the foreign key then trips.
        await hub.SendAsync(HttpMethod.Delete, $"/api/categories/{category}", null, HttpStatusCode.NoContent);
        await tx.RollbackAsync();

        AssertUnknownCategory(await Assert.ThrowsAsync<ProductValidationException>(() => write), category);
        Assert.Equal(1, await hub.ScalarAsync<int>("SELECT version FROM products WHERE id = $1", product));
        Assert.Equal(1, await CountAsync("outbox_events", product));
    }
}
