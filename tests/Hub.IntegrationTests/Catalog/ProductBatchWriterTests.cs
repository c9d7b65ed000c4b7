using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.IntegrationTests.Catalog;

/// <summary>
/// The set-based batch write on its own (one statement for many products): each write keeps its own result, a product
/// written twice in one batch is written in order, and variants gone from a product are deleted with it.
/// </summary>
public class ProductBatchWriterTests(TestHub hub) : IClassFixture<TestHub>
{
    private static ProductWrite Write(ProductKey key, CanonicalProduct product, int? expected) =>
        new(ProductContent.Prepare(key, product), expected, CatalogTestData.Source, DateTimeOffset.UtcNow);

    private async Task<WriteResult[]> WriteAsync(params ProductWrite[] writes)
    {
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var results = await ProductBatchWriter.WriteAsync(conn, tx, writes);
        await tx.CommitAsync();
        return results;
    }

    private static CanonicalProduct WithSkus(params string[] skus) => new()
    {
        ProductName = "Essential Tee",
        Variants = [.. skus.Select((s, i) => new CanonicalVariant { Sku = s, Size = s, BasePrice = 5m + i, Inventory = i })],
    };

    [Fact]
    public async Task AProductWrittenTwiceInOneBatchIsCreatedThenUpdated()
    {
        var key = CatalogTestData.NewKey();

        var results = await WriteAsync(Write(key, CatalogTestData.Product(3m), null), Write(key, CatalogTestData.Product(4m), 1));

        Assert.All(results, r => Assert.Equal(WriteStatus.Written, r.Status));
        Assert.Equal([1, 2], results.Select(r => r.Stamp!.Version));
        Assert.Equal(results[0].Stamp!.ProductNumber, results[1].Stamp!.ProductNumber);
        var id = NameBasedGuid.Product(key.Catalog, key.Key);
        Assert.Equal("2|4.0000", await hub.ScalarAsync<string>("SELECT concat_ws('|', version, price_min) FROM products WHERE id = $1", id));
        Assert.Equal(
            "product.created@1,product.updated@2",
            await hub.ScalarAsync<string>("SELECT string_agg(event_type || '@' || aggregate_version, ',' ORDER BY aggregate_version) FROM outbox_events WHERE aggregate_id = $1", id));
    }

    [Fact]
    public async Task AVersionConflictWritesNothingForItsProductAndLetsItsNeighboursThrough()
    {
        var stale = CatalogTestData.NewKey();
        var fresh = CatalogTestData.NewKey();
        await WriteAsync(Write(stale, CatalogTestData.Product(3m), null), Write(stale, CatalogTestData.Product(4m), 1));

        var results = await WriteAsync(Write(stale, CatalogTestData.Product(9m), 1), Write(fresh, CatalogTestData.Product(6m), null));

        Assert.Equal([WriteStatus.Conflict, WriteStatus.Written], results.Select(r => r.Status));
        var staleId = NameBasedGuid.Product(stale.Catalog, stale.Key);
        Assert.Equal("2|4.0000", await hub.ScalarAsync<string>("SELECT concat_ws('|', version, price_min) FROM products WHERE id = $1", staleId));
        Assert.Equal(2, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE aggregate_id = $1", staleId));
        Assert.Equal(1, await hub.ScalarAsync<long>("SELECT count(*) FROM products WHERE id = $1", NameBasedGuid.Product(fresh.Catalog, fresh.Key)));
    }

    [Fact]
    public async Task AnUpdateDeletesTheVariantsGoneKeepsTheNumbersOfTheOthersAndAnswersThemInPositionOrder()
    {
        var first = CatalogTestData.NewKey();
        var second = CatalogTestData.NewKey();
        var created = await WriteAsync(Write(first, WithSkus("A", "B", "C"), null), Write(second, WithSkus("X", "Y"), null));
        Assert.Equal([3, 2], created.Select(r => r.VariantNumbers!.Count));

        var updated = await WriteAsync(Write(first, WithSkus("C", "A"), 1), Write(second, WithSkus("Y", "X", "Z"), 1));

        // C and A keep their numbers, now in the order C, A; B is gone. Y and X keep theirs and Z is new.
        Assert.Equal([created[0].VariantNumbers![2], created[0].VariantNumbers![0]], updated[0].VariantNumbers);
        Assert.Equal([created[1].VariantNumbers![1], created[1].VariantNumbers![0]], updated[1].VariantNumbers!.Take(2));
        Assert.DoesNotContain(updated[1].VariantNumbers![2], created[1].VariantNumbers!);
        var firstId = NameBasedGuid.Product(first.Catalog, first.Key);
        Assert.Equal("C,A", await hub.ScalarAsync<string>("SELECT string_agg(sku, ',' ORDER BY position) FROM variants WHERE product_id = $1", firstId));
        Assert.Equal("Y,X,Z", await hub.ScalarAsync<string>(
            "SELECT string_agg(sku, ',' ORDER BY position) FROM variants WHERE product_id = $1", NameBasedGuid.Product(second.Catalog, second.Key)));
    }

    [Fact]
    public async Task ReceiptsCommitOnlyWithTheWriteThatCarriedThemEvenWhenAnEarlierWriteOfTheBatchTookTheRow()
    {
        var key = CatalogTestData.NewKey();
        var job = Random.Shared.NextInt64(1L << 40, 1L << 50);
        var created = Write(key, CatalogTestData.Product(3m), null) with { Receipts = new IngestReceipts(job, [1]) };
        var stale = Write(key, CatalogTestData.Product(4m), 7) with { Receipts = new IngestReceipts(job, [2, 3]) };

        var results = await WriteAsync(created, stale);

        Assert.Equal([WriteStatus.Written, WriteStatus.Conflict], results.Select(r => r.Status));
        Assert.Equal("1", await hub.ScalarAsync<string>("SELECT string_agg(row_number::text, ',' ORDER BY row_number) FROM ingest_receipts WHERE job_id = $1", job));
    }

    [Fact]
    public async Task AnEmptyBatchWritesNothing()
    {
        Assert.Empty(await WriteAsync());
    }
}
