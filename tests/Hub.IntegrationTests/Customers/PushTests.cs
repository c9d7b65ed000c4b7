using System.Net;
using System.Text.Json;
using CatalogHub.Api.Customers;
using Npgsql;

namespace CatalogHub.IntegrationTests.Customers;

/// <summary>Pushing selections: pushed status, push log and outbox events, all or nothing.</summary>
public class PushTests(TestHub hub) : IClassFixture<TestHub>
{
    private async Task<Guid> CustomerWithSelectionsAsync(params Guid[] products)
    {
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "shop" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = products }, HttpStatusCode.OK);
        return customer;
    }

    private Task<JsonElement> PushAsync(Guid customer, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", body, expected);

    private Task<long> CountAsync(string table, Guid customer) => table == "outbox_events"
        ? hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE event_type = 'product.pushed' AND payload->>'customer_id' = $1", customer.ToString())
        : hub.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE customer_id = $1", customer);

    [Fact]
    public async Task APushMarksSelectionsPushedAndWritesOneLogRowAndOneEventPerProduct()
    {
        var key = CatalogTestData.NewKey();
        var changed = (await hub.UpsertAsync(key, CatalogTestData.Product(1m))).ProductId;
        await hub.UpsertAsync(key, CatalogTestData.Product(2m));
        var fresh = await hub.CreateProductAsync();
        var customer = await CustomerWithSelectionsAsync(changed, fresh);

        var summary = await PushAsync(customer);

        Assert.Equal(2, summary.GetProperty("pushed").GetInt32());
        var versions = summary.GetProperty("products").EnumerateArray().ToDictionary(p => p.GetProperty("product_id").GetGuid(), p => p.GetProperty("version").GetInt32());
        Assert.Equal(2, versions[changed]);
        Assert.Equal(1, versions[fresh]);
        foreach (var selection in (await hub.GetJsonAsync($"/api/customers/{customer}/selections")).EnumerateArray())
        {
            Assert.Equal("pushed", selection.GetProperty("status").GetString());
            Assert.Equal(summary.GetProperty("pushed_at").GetDateTimeOffset(), selection.GetProperty("pushed_at").GetDateTimeOffset());
            Assert.Equal(versions[selection.GetProperty("product_id").GetGuid()], selection.GetProperty("pushed_version").GetInt32());
        }

        Assert.Equal($"{changed}:2", await hub.ScalarAsync<string>(
            "SELECT string_agg(product_id || ':' || product_version, ',') FROM product_push_log WHERE customer_id = $1 AND product_id = $2", customer, changed));
        Assert.Equal(2, await CountAsync("product_push_log", customer));
        var eventId = PushStore.EventId(customer, changed, 2);
        Assert.Equal(eventId, summary.GetProperty("products").EnumerateArray().Single(p => p.GetProperty("product_id").GetGuid() == changed).GetProperty("event_id").GetGuid());
        Assert.Equal($"store:0001|product|{changed}|2|product.pushed|pending|{customer}", await hub.ScalarAsync<string>(
            "SELECT concat_ws('|', catalog, aggregate_type, aggregate_id, aggregate_version, event_type, status, payload->>'customer_id') FROM outbox_events WHERE id = $1", eventId));
        Assert.Equal(2, await CountAsync("outbox_events", customer));
    }

    [Fact]
    public async Task ASecondPushPushesNothingNew()
    {
        var customer = await CustomerWithSelectionsAsync(await hub.CreateProductAsync());
        Assert.Equal(1, (await PushAsync(customer)).GetProperty("pushed").GetInt32());

        var again = await PushAsync(customer);

        Assert.Equal(0, again.GetProperty("pushed").GetInt32());
        Assert.Equal(1, await CountAsync("product_push_log", customer));
        Assert.Equal(1, await CountAsync("outbox_events", customer));
    }

    [Fact]
    public async Task APushOfChosenProductsPushesOnlyThoseAndRejectsProductsNotSelected()
    {
        var chosen = await hub.CreateProductAsync();
        var other = await hub.CreateProductAsync();
        var customer = await CustomerWithSelectionsAsync(chosen, other);
        var notSelected = await hub.CreateProductAsync();

        var problem = await PushAsync(customer, new { product_ids = new[] { chosen, notSelected } }, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(notSelected.ToString(), problem.Errors("product_ids"));
        Assert.Equal(0, await CountAsync("product_push_log", customer));

        var summary = await PushAsync(customer, new { product_ids = new[] { chosen } });

        Assert.Equal(chosen, Assert.Single(summary.GetProperty("products").EnumerateArray()).GetProperty("product_id").GetGuid());
        Assert.Equal("selected", await hub.ScalarAsync<string>("SELECT status FROM customer_selections WHERE customer_id = $1 AND product_id = $2", customer, other));
        Assert.Equal(1, await CountAsync("outbox_events", customer));
    }

    [Fact]
    public async Task APushThatFailsHalfwayWritesNothing()
    {
        var good = await hub.CreateProductAsync();
        var poisoned = await hub.CreateProductAsync();
        var customer = await CustomerWithSelectionsAsync(good, poisoned);
        await hub.ScalarAsync<int>($"""
            CREATE OR REPLACE FUNCTION push_poison() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN IF NEW.product_id = '{poisoned}' THEN RAISE EXCEPTION 'poisoned push'; END IF; RETURN NEW; END $$;
            DROP TRIGGER IF EXISTS push_poison ON product_push_log;
            CREATE TRIGGER push_poison BEFORE INSERT ON product_push_log FOR EACH ROW EXECUTE FUNCTION push_poison();
            SELECT 1;
            """);
        try
        {
            await PushAsync(customer, expected: HttpStatusCode.InternalServerError);
        }
        finally
        {
            await hub.ScalarAsync<int>("DROP TRIGGER push_poison ON product_push_log; SELECT 1;");
        }

        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM customer_selections WHERE customer_id = $1 AND status <> 'selected'", customer));
        Assert.Equal(0, await CountAsync("product_push_log", customer));
        Assert.Equal(0, await CountAsync("outbox_events", customer));
        Assert.Equal(2, (await PushAsync(customer)).GetProperty("pushed").GetInt32());
    }

    [Fact]
    public async Task APushWaitsForAProductWriteInFlightAndPushesTheVersionItWrote()
    {
        var product = await hub.CreateProductAsync();
        var customer = await CustomerWithSelectionsAsync(product);
        await using var db = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var writer = await db.OpenConnectionAsync();
        await using var tx = await writer.BeginTransactionAsync();
        await using (var write = new NpgsqlCommand("UPDATE products SET version = version + 1 WHERE id = $1", writer, tx))
        {
            write.Parameters.AddWithValue(product);
            await write.ExecuteNonQueryAsync();
        }

        var push = PushAsync(customer);
        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<long>("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"),
            waiting => waiting > 0 || push.IsCompleted, TimeSpan.FromSeconds(30), "the push waits for the product write");
        Assert.False(push.IsCompleted, "the push should wait for the product row");
        await tx.CommitAsync();

        var summary = await push;
        Assert.Equal(2, Assert.Single(summary.GetProperty("products").EnumerateArray()).GetProperty("version").GetInt32());
        Assert.Equal(2, await hub.ScalarAsync<int>("SELECT product_version FROM product_push_log WHERE customer_id = $1", customer));
    }
}
