using System.Net;
using CatalogHub.Api.Customers;
using CatalogHub.Grains.Catalog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.IntegrationTests.Customers;

/// <summary>
/// Group commits and pushes lock the same products: they must not deadlock, and a store transaction that
/// PostgreSQL still rolls back as a deadlock victim is run again. The interleavings are forced with a row
/// lock held from a separate connection; <c>deadlock_timeout</c> per connection decides who would be the victim.
/// </summary>
public class PushConcurrencyTests(TestHub hub) : IClassFixture<TestHub>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>How long locked-up work may take to finish once unblocked: well under Npgsql's 30 s command timeout, which would end a deadlock too.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(25);

    /// <summary>A data source whose sessions wait <paramref name="deadlockTimeout"/> before looking for a deadlock.</summary>
    private NpgsqlDataSource Sessions(string deadlockTimeout) => NpgsqlDataSource.Create(
        new NpgsqlConnectionStringBuilder(hub.ConnectionString) { Options = $"-c deadlock_timeout={deadlockTimeout}" }.ConnectionString);

    /// <summary>A catalog store of the test's own, with one committer, not started: writes queued before the start share a batch.</summary>
    private static CatalogStore Store(NpgsqlDataSource sessions) =>
        new(sessions, Options.Create(new CatalogStoreOptions { Committers = 1 }), NullLogger<CatalogStore>.Instance);

    private static ProductWrite Change(ProductKey key, decimal price, int expectedVersion) =>
        new(ProductContent.Prepare(key, CatalogTestData.Product(price)), expectedVersion, CatalogTestData.Source, DateTimeOffset.UtcNow);

    private Task<long> WaitersAsync(int count, string what) => HubClients.EventuallyAsync(
        () => hub.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
        waiting => waiting >= count, Deadline, what);

    private async Task<Guid> CustomerSelectingAsync(params Guid[] products)
    {
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "shop" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = products }, HttpStatusCode.OK);
        return customer;
    }

    private static async Task<NpgsqlTransaction> LockAsync(NpgsqlConnection connection, string sql, Guid id)
    {
        var tx = await connection.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.Parameters.AddWithValue(id);
        await cmd.ExecuteNonQueryAsync();
        return tx;
    }

    [Fact]
    public async Task AGroupCommitAndAPushOfTheSameProductsLockThemInOneOrder()
    {
        var keys = new[] { CatalogTestData.NewKey(), CatalogTestData.NewKey() };
        var ids = new List<Guid>();
        foreach (var key in keys)
        {
            ids.Add((await hub.UpsertAsync(key, CatalogTestData.Product(1m))).ProductId);
        }

        // Low and high in PostgreSQL's uuid order; the batch is queued high first.
        var ordered = await hub.ScalarAsync<Guid[]>("SELECT array_agg(id ORDER BY id) FROM products WHERE id = ANY ($1)", ids.ToArray());
        var (low, high) = (keys[ids.IndexOf(ordered[0])], keys[ids.IndexOf(ordered[1])]);
        var customer = await CustomerSelectingAsync(ordered);
        // Deadlock detection effectively off: a deadlock would hang instead of being resolved by a retry.
        await using var sessions = Sessions("60s");
        var store = Store(sessions);
        await using var holder = await sessions.OpenConnectionAsync();
        await using var hold = await LockAsync(holder, "SELECT 1 FROM products WHERE id = $1 FOR NO KEY UPDATE", ordered[1]);
        var writes = new[] { store.WriteAsync(Change(high, 2m, 1)), store.WriteAsync(Change(low, 2m, 1)) };
        await store.StartAsync(CancellationToken.None);
        try
        {
            await WaitersAsync(1, "the group commit waits for the held product");
            var push = new PushStore(sessions).PushAsync(customer, null);
            await WaitersAsync(2, "the push waits too");
            await hold.RollbackAsync();

            var summary = (await push.WaitAsync(Settle)).Summary!;
            var results = await Task.WhenAll(writes).WaitAsync(Settle);

            Assert.All(results, r => Assert.Equal(2, r.Stamp!.Version));
            Assert.Equal([2, 2], summary.Products.Select(p => p.Version));
            Assert.Equal(0, store.TransientRetries);
            Assert.Equal(0, store.IsolatedBatches);
            Assert.Equal(2, await hub.ScalarAsync<long>(
                "SELECT count(*) FROM customer_selections WHERE customer_id = $1 AND status = 'pushed' AND pushed_version = 2", customer));
        }
        finally
        {
            await store.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task AWriteRolledBackAsADeadlockVictimIsRunAgain()
    {
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(1m))).ProductId;
        var customer = await CustomerSelectingAsync(product);
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);
        // The store looks for deadlocks after 8 s, the other writer only after a minute: the store is the victim.
        // PostgreSQL checks once, deadlock_timeout after a session starts waiting, so the cycle below must form
        // within those 8 s of the write's wait: ample on a loaded machine (2 s was not always).
        await using var storeSessions = Sessions("8s");
        await using var otherSessions = Sessions("60s");
        var store = Store(storeSessions);
        await using var other = await otherSessions.OpenConnectionAsync();
        await using var tx = await LockAsync(other, "SELECT 1 FROM customer_selections WHERE product_id = $1 FOR UPDATE", product);
        var write = store.WriteAsync(Change(key, 2m, 1));
        await store.StartAsync(CancellationToken.None);
        try
        {
            // The write holds the product row and waits in its stale flip for the selection the other writer holds ...
            await WaitersAsync(1, "the write's stale flip waits for the locked selection");
            // ... which now wants the product row: a cycle.
            await using var cycle = new NpgsqlCommand("SELECT 1 FROM products WHERE id = $1 FOR UPDATE", other, tx);
            cycle.Parameters.AddWithValue(product);
            await cycle.ExecuteNonQueryAsync().WaitAsync(Settle);
            await tx.CommitAsync();

            Assert.Equal(2, (await write.WaitAsync(Settle)).Stamp!.Version);
            Assert.InRange(store.TransientRetries, 1, CatalogStore.MaxTransientAttempts - 1);
            Assert.Equal("stale", await hub.ScalarAsync<string>("SELECT status FROM customer_selections WHERE product_id = $1", product));
        }
        finally
        {
            await store.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ConcurrentPushesAndProductUpdatesOfOverlappingProductsAllSucceed()
    {
        var keys = Enumerable.Range(0, 24).Select(_ => CatalogTestData.NewKey()).ToArray();
        var ids = new List<Guid>();
        foreach (var key in keys)
        {
            ids.Add((await hub.UpsertAsync(key, CatalogTestData.Product(1m))).ProductId);
        }

        var customers = new List<Guid>();
        for (var c = 0; c < 3; c++)
        {
            customers.Add(await CustomerSelectingAsync([.. ids.Skip(c * 4).Take(16)]));
        }

        var store = hub.Services.GetRequiredService<CatalogStore>();
        var isolatedBefore = store.IsolatedBatches;
        for (var round = 2; round <= 6; round++)
        {
            var price = round;
            var updates = keys.Select(k => Task.Run(() => hub.UpsertAsync(k, CatalogTestData.Product(price))));
            var pushes = customers.Concat(customers).Select(c => Task.Run(() =>
                hub.SendAsync(HttpMethod.Post, $"/api/customers/{c}/push", null, HttpStatusCode.OK)));
            await Task.WhenAll(updates.Concat<Task>(pushes)).WaitAsync(Deadline);
        }

        Assert.Equal(isolatedBefore, store.IsolatedBatches);
        // Whatever the interleaving, a selection marked pushed carries the product's current version.
        Assert.Equal(0, await hub.ScalarAsync<long>("""
            SELECT count(*) FROM customer_selections s JOIN products p ON p.id = s.product_id
            WHERE s.customer_id = ANY ($1) AND s.status = 'pushed' AND s.pushed_version <> p.version
            """, customers.ToArray()));
    }
}
