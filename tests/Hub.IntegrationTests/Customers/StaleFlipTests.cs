using System.Net;
using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CatalogHub.IntegrationTests.Customers;

/// <summary>Content changes flip pushed selections to stale in the write's own transaction; nothing else does.</summary>
public class StaleFlipTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<Guid> CustomerAsync(Guid product, bool push)
    {
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "shop" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = new[] { product } }, HttpStatusCode.OK);
        if (push)
        {
            await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);
        }

        return customer;
    }

    private Task<string> StateAsync(Guid customer, Guid product) => hub.ScalarAsync<string>(
        "SELECT concat_ws('|', status, coalesce(pushed_version::text, '-'), stale_at IS NOT NULL) FROM customer_selections WHERE customer_id = $1 AND product_id = $2",
        customer, product);

    private Task<string> XminAsync(Guid customer, Guid product) => hub.ScalarAsync<string>(
        "SELECT xmin::text FROM customer_selections WHERE customer_id = $1 AND product_id = $2", customer, product);

    [Fact]
    public async Task UnchangedContentLeavesPushedSelectionsPushed()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var customer = await CustomerAsync(product, push: true);
        var xmin = await XminAsync(customer, product);

        var again = await hub.UpsertAsync(key, CatalogTestData.Product(3.000m));

        Assert.Equal(UpsertOutcome.Unchanged, again.Outcome);
        Assert.Equal("pushed|1|f", await StateAsync(customer, product));
        Assert.Equal(xmin, await XminAsync(customer, product));
    }

    [Fact]
    public async Task ChangedContentFlipsPushedSelectionsToStaleAndLeavesTheOthersAlone()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var pushedTo = await CustomerAsync(product, push: true);
        var selectedBy = await CustomerAsync(product, push: false);
        var selectedXmin = await XminAsync(selectedBy, product);

        var changed = await hub.UpsertAsync(key, CatalogTestData.Product(4m));

        Assert.Equal(2, changed.Version);
        Assert.Equal("stale|1|t", await StateAsync(pushedTo, product));
        Assert.Equal("selected|-|f", await StateAsync(selectedBy, product));
        Assert.Equal(selectedXmin, await XminAsync(selectedBy, product));
        // The flip is part of the write: it happened in the transaction that wrote version 2.
        Assert.Equal(
            await hub.ScalarAsync<string>("SELECT xmin::text FROM products WHERE id = $1", product),
            await XminAsync(pushedTo, product));
    }

    [Fact]
    public async Task PushingAStaleSelectionPushesTheNewVersion()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var customer = await CustomerAsync(product, push: true);
        await hub.UpsertAsync(key, CatalogTestData.Product(5m));

        var summary = await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);

        Assert.Equal(1, summary.GetProperty("pushed").GetInt32());
        Assert.Equal("pushed|2|f", await StateAsync(customer, product));
        Assert.Equal("1,2", await hub.ScalarAsync<string>(
            "SELECT string_agg(product_version::text, ',' ORDER BY id) FROM product_push_log WHERE customer_id = $1", customer));
        Assert.Equal(2, await hub.ScalarAsync<long>(
            "SELECT count(DISTINCT id) FROM outbox_events WHERE event_type = 'product.pushed' AND aggregate_id = $1", product));
    }

    [Fact]
    public async Task AWriteThatWaitedForAPushStillFlipsIt()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var customer = await CustomerAsync(product, push: false);
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var push = await db.OpenConnectionAsync();
        await using var tx = await push.BeginTransactionAsync();
        // What a push does: lock the product FOR SHARE, then mark the selection pushed.
        foreach (var sql in new[]
        {
            "SELECT id FROM products WHERE id = $1 FOR SHARE",
            "UPDATE customer_selections SET status = 'pushed', pushed_at = now(), pushed_version = 1 WHERE product_id = $1 AND customer_id = $2",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, push, tx);
            cmd.Parameters.AddWithValue(product);
            if (sql.Contains("$2", StringComparison.Ordinal))
            {
                cmd.Parameters.AddWithValue(customer);
            }

            await cmd.ExecuteNonQueryAsync();
        }

        // The write starts (taking its snapshot, in which the selection is still 'selected') and waits for the lock.
        var write = hub.UpsertAsync(key, CatalogTestData.Product(4m));
        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0 || write.IsCompleted, TimeSpan.FromSeconds(30), "the product write waits for the push's lock");
        Assert.False(write.IsCompleted, "the write should wait for the push's FOR SHARE lock");
        await tx.CommitAsync();

        Assert.Equal(2, (await write).Version);
        Assert.Equal("stale|1|t", await StateAsync(customer, product));
    }

    [Fact]
    public async Task AWriteStillFlipsAPushOfASelectionMadeWhileItWaitedForTheProductRow()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "late shop" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var holder = await db.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var share = new NpgsqlCommand("SELECT id FROM products WHERE id = $1 FOR SHARE", holder, tx))
        {
            share.Parameters.AddWithValue(product);
            await share.ExecuteNonQueryAsync();
        }

        // The write starts, takes its snapshot (no selection exists yet) and waits for the product row.
        var write = hub.UpsertAsync(key, CatalogTestData.Product(4m));
        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0 || write.IsCompleted, TimeSpan.FromSeconds(30), "the product write waits for the row lock");
        Assert.False(write.IsCompleted, "the write should wait for the FOR SHARE lock");

        // Meanwhile the product is selected and pushed at version 1: FOR SHARE goes beside the other share lock.
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = new[] { product } }, HttpStatusCode.OK);
        var push = hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);
        Assert.Same(push, await Task.WhenAny(push, Task.Delay(TimeSpan.FromSeconds(30))));
        Assert.Equal(1, Assert.Single((await push).GetProperty("products").EnumerateArray()).GetProperty("version").GetInt32());
        await tx.RollbackAsync();

        // Version 2 replaced the content that was pushed: the selection must not say it is current.
        Assert.Equal(2, (await write).Version);
        Assert.Equal("stale|1|t", await StateAsync(customer, product));
    }

    [Fact]
    public async Task AWriteThatLostAVersionConflictFlipsNothing()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(3m))).ProductId;
        var customer = await CustomerAsync(product, push: true);
        var store = hub.Services.GetRequiredService<CatalogStore>();

        // A writer that read a version the product no longer has: its update and its flip write nothing.
        var result = await store.WriteAsync(new ProductWrite(ProductContent.Prepare(key, CatalogTestData.Product(9m)), 7, CatalogTestData.Source, DateTimeOffset.UtcNow));

        Assert.True(result.IsConflict);
        Assert.Equal("pushed|1|f", await StateAsync(customer, product));
    }
}
