using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Serialization;

namespace CatalogHub.IntegrationTests.Catalog;

/// <summary>ProductGrain and the group-committing catalog store, on a real silo and PostgreSQL.</summary>
public class ProductWriteTests(TestHub hub) : IClassFixture<TestHub>
{
    private static readonly ChangeSource Source = new(ChangeSources.Admin, "test");

    private IProductGrain Grain(ProductKey key) => hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IProductGrain>(key.ToString());

    private static ProductKey NewKey() => new("store:0001", $"tee-{Guid.NewGuid():N}");

    private static CanonicalProduct Tee(decimal price = 4.58m, long inventory = 10, params string[] skus) => new()
    {
        ProductName = "Essential Tee",
        Brand = "Port & Company",
        Variants = [.. (skus.Length == 0 ? ["S", "M"] : skus).Select((sku, i) => new CanonicalVariant
        {
            Sku = sku,
            Size = sku,
            BasePrice = price + i,
            Inventory = inventory,
            Prices = [new TierPrice("Net", 1, 11, price + i), new TierPrice("Net", 12, null, price + i - 0.4m)],
        })],
        Images = [new ProductImage { Url = "https://cdn.example/tee.jpg", Color = "Natural" }],
    };

    private Task<T> ScalarAsync<T>(string sql, params object[] args) => Sql.ScalarAsync<T>(hub.ConnectionString, sql, args);

    private Task<long> OutboxCountAsync(Guid productId) =>
        ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE aggregate_id = $1", productId);

    [Fact]
    public async Task UnchangedContentWritesNoRowAndNoEvent()
    {
        var key = NewKey();
        var created = await Grain(key).UpsertAsync(Tee(), Source);
        Assert.Equal(UpsertOutcome.Created, created.Outcome);
        Assert.Equal(1, created.Version);
        Assert.Equal(NameBasedGuid.Product(key.Catalog, key.Key), created.ProductId);
        var xmin = await ScalarAsync<uint>("SELECT xmin FROM products WHERE id = $1", created.ProductId);
        var variantXmins = await ScalarAsync<string>("SELECT string_agg(xmin::text, ',' ORDER BY sku) FROM variants WHERE product_id = $1", created.ProductId);

        var again = await Grain(key).UpsertAsync(Tee(4.5800m), Source);

        Assert.Equal(UpsertOutcome.Unchanged, again.Outcome);
        Assert.Equal(1, again.Version);
        Assert.Equal(xmin, await ScalarAsync<uint>("SELECT xmin FROM products WHERE id = $1", created.ProductId));
        Assert.Equal(variantXmins, await ScalarAsync<string>("SELECT string_agg(xmin::text, ',' ORDER BY sku) FROM variants WHERE product_id = $1", created.ProductId));
        Assert.Equal(1, await OutboxCountAsync(created.ProductId));
    }

    [Fact]
    public async Task AChangeBumpsTheVersionRewritesVariantsAndAggregatesAndLeavesOneEvent()
    {
        var key = NewKey();
        var created = await Grain(key).UpsertAsync(Tee(10m, 5, "S", "M", "L"), Source);
        var variantNumber = await ScalarAsync<long>("SELECT number FROM variants WHERE product_id = $1 AND sku = 'M'", created.ProductId);

        var updated = await Grain(key).UpsertAsync(Tee(20m, 7, "M", "XL"), Source);

        Assert.Equal(UpsertOutcome.Updated, updated.Outcome);
        Assert.Equal(2, updated.Version);
        Assert.Equal(created.ProductNumber, updated.ProductNumber);
        Assert.Equal("M,XL", await ScalarAsync<string>("SELECT string_agg(sku, ',' ORDER BY position) FROM variants WHERE product_id = $1", created.ProductId));
        Assert.Equal(variantNumber, await ScalarAsync<long>("SELECT number FROM variants WHERE product_id = $1 AND sku = 'M'", created.ProductId));
        Assert.Equal(20m, await ScalarAsync<decimal>("SELECT base_price FROM variants WHERE product_id = $1 AND sku = 'M'", created.ProductId));
        Assert.Equal("2|20.0000|21.0000|14", await ScalarAsync<string>(
            "SELECT concat_ws('|', variant_count, price_min, price_max, total_inventory) FROM products WHERE id = $1", created.ProductId));
        Assert.Equal("product.created:1,product.updated:2", await ScalarAsync<string>(
            "SELECT string_agg(event_type || ':' || aggregate_version, ',' ORDER BY seq) FROM outbox_events WHERE aggregate_id = $1", created.ProductId));
        Assert.Equal(NameBasedGuid.ProductEvent(created.ProductId, 2), await ScalarAsync<Guid>(
            "SELECT id FROM outbox_events WHERE aggregate_id = $1 AND aggregate_version = 2", created.ProductId));
    }

    [Fact]
    public async Task FiftyConcurrentCallersLoseNoUpdate()
    {
        var key = NewKey();
        var results = await Task.WhenAll(Enumerable.Range(1, 50).Select(i => Task.Run(() => Grain(key).UpsertAsync(Tee(1m, i), Source))));

        Assert.Equal(Enumerable.Range(1, 50), results.Select(r => r.Version).Order());
        Assert.Single(results, r => r.Outcome == UpsertOutcome.Created);
        var last = results.MaxBy(r => r.Version)!;
        Assert.Equal(50, await ScalarAsync<int>("SELECT version FROM products WHERE id = $1", last.ProductId));
        Assert.Equal(50, await OutboxCountAsync(last.ProductId));
        // The row holds the content of the call that got the last version.
        var lastInventory = await ScalarAsync<long>("SELECT total_inventory FROM products WHERE id = $1", last.ProductId);
        Assert.Equal(0, lastInventory % 2);
        Assert.InRange(lastInventory / 2, 1, 50);
    }

    [Fact]
    public async Task AWriterThatRacesReloadsAndReapplies()
    {
        var key = NewKey();
        var created = await Grain(key).UpsertAsync(Tee(), Source);
        // Another writer (e.g. an atomic feed import) changes the row behind the grain's back.
        await ScalarAsync<int>("UPDATE products SET version = version + 1, content_hash = '\\x00' WHERE id = $1 RETURNING version", created.ProductId);

        var updated = await Grain(key).UpsertAsync(Tee(9m), Source);

        Assert.Equal(UpsertOutcome.Updated, updated.Outcome);
        Assert.Equal(3, updated.Version);
        Assert.Equal(9m, await ScalarAsync<decimal>("SELECT price_min FROM products WHERE id = $1", created.ProductId));
    }

    [Fact]
    public async Task AFailingWriteInAGroupCommitDoesNotFailItsNeighbours()
    {
        await ScalarAsync<int>("""
            CREATE OR REPLACE FUNCTION poison_guard() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW.key LIKE 'poison-%' THEN RAISE EXCEPTION 'poisoned product %', NEW.key; END IF; RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS poison_guard ON products;
            CREATE TRIGGER poison_guard BEFORE INSERT ON products FOR EACH ROW EXECUTE FUNCTION poison_guard();
            SELECT 1;
            """);
        var store = hub.Services.GetRequiredService<CatalogStore>();
        var isolatedBefore = store.IsolatedBatches;
        var writes = Enumerable.Range(0, 200)
            .Select(i => new ProductKey("store:0001", i == 100 ? $"poison-{Guid.NewGuid():N}" : $"good-{Guid.NewGuid():N}"))
            .Select(k => (Key: k, Task: store.WriteAsync(new ProductWrite(ProductContent.Prepare(k, Tee()), null, Source, DateTimeOffset.UtcNow))))
            .ToList();

        var poisoned = writes.Single(w => w.Key.Key.StartsWith("poison-", StringComparison.Ordinal));
        var error = await Assert.ThrowsAsync<PostgresException>(() => poisoned.Task);
        Assert.Contains("poisoned product", error.MessageText);
        foreach (var good in writes.Where(w => w != poisoned))
        {
            Assert.Equal(1, (await good.Task).Stamp!.Version);
        }

        Assert.True(store.IsolatedBatches > isolatedBefore, "the poisoned write should have shared a batch with others");
        Assert.Equal(199, await ScalarAsync<long>("SELECT count(*) FROM products WHERE key LIKE 'good-%' AND id = ANY($1)",
            writes.Where(w => w != poisoned).Select(w => NameBasedGuid.Product(w.Key.Catalog, w.Key.Key)).ToArray()));
    }

    [Fact]
    public async Task EveryCatalogRecordCrossesTheSerializer()
    {
        var serializer = hub.Services.GetRequiredService<Serializer>();
        var product = Tee() with
        {
            ProductType = ProductType.Print,
            SupplierId = Guid.NewGuid(),
            Metafields = new Dictionary<string, string> { ["custom.fabric"] = "cotton" },
            Options = [new ProductOption { OptionKey = "imprint_location", Title = "Imprint Location", Attributes = [new OptionAttribute { Title = "Left Chest", Price = 1.5m }] }],
            PrintDetails = new PrintDetails { MinWidth = 1, MaxWidth = 10, SizeUnit = "in", BasePricePerSqUnit = 0.25m },
            Sizes = [new PrintSize(8.5m, 11m, "in", "Letter")],
            Variants = [new CanonicalVariant { Sku = "A", OptionValues = [new OptionValue("Size", "S")], Metafields = new Dictionary<string, string> { ["a.b"] = "c" } }],
            DiscontinuedAt = DateTimeOffset.UtcNow,
        };
        var copy = Assert.IsType<CanonicalProduct>(serializer.Deserialize<CanonicalProduct>(serializer.SerializeToArray(product)));
        var key = NewKey();
        Assert.Equal(ProductContent.Prepare(key, product).Hash, ProductContent.Prepare(key, copy).Hash);

        var result = new UpsertResult(UpsertOutcome.Updated, Guid.NewGuid(), 7, 3);
        Assert.Equal(result, serializer.Deserialize<UpsertResult>(serializer.SerializeToArray(result)));
        var source = new ChangeSource("sync", "job-1");
        Assert.Equal(source, serializer.Deserialize<ChangeSource>(serializer.SerializeToArray(source)));

        // Thrown by the grain for an unknown category: it must reach callers on other silos with its fields.
        var category = Guid.NewGuid();
        var invalid = Assert.IsType<ProductValidationException>(
            serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(ProductValidationException.UnknownCategory(category))));
        Assert.Equal([ProductValidationException.CategoryIdField], invalid.Errors.Keys);
        Assert.Contains(category.ToString(), invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeReportsTheStampOrNothing()
    {
        var key = NewKey();
        Assert.Null(await Grain(key).DescribeAsync());
        var created = await Grain(key).UpsertAsync(Tee(), Source);
        var stamp = await Grain(key).DescribeAsync();
        Assert.Equal(created.ProductId, stamp!.ProductId);
        Assert.Equal(1, stamp.Version);
    }
}
