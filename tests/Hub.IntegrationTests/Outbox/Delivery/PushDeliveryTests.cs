using System.Net;

namespace CatalogHub.IntegrationTests.Outbox.Delivery;

/// <summary>Pushes to a customer's storefront webhook: pushing until delivered, then pushed; auto re-push of changes.</summary>
public sealed class PushDeliveryTests(OutboxTestHub hub) : IClassFixture<OutboxTestHub>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private async Task<Guid> CustomerAsync(bool autoRepush, params Guid[] products)
    {
        var customer = (await hub.SendAsync(HttpMethod.Post, "/api/customers", new { name = "storefront" }, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await hub.SendAsync(HttpMethod.Put, $"/api/customers/{customer}/delivery",
            new { url = hub.Receiver.Url($"customers/{customer}").ToString(), secret = OutboxTestHub.Secret, auto_repush = autoRepush }, HttpStatusCode.OK);
        Assert.Equal(autoRepush, (await hub.GetJsonAsync($"/api/customers/{customer}/delivery")).GetProperty("auto_repush").GetBoolean());
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/selections", new { product_ids = products }, HttpStatusCode.OK);
        return customer;
    }

    private Task<string> SelectionAsync(Guid customer, Guid product) => hub.ScalarAsync<string>(
        "SELECT status || '@' || coalesce(pushed_version, 0) FROM customer_selections WHERE customer_id = $1 AND product_id = $2", customer, product);

    [Fact]
    public async Task APushIsPushingUntilItsEventIsDeliveredThenPushed()
    {
        hub.Receiver.Control.Reset();
        var product = await hub.CreateProductAsync();
        var customer = await CustomerAsync(autoRepush: false, product);
        hub.Receiver.Control.Update(k => k with { Status = 503 });

        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{customer}/push", null, HttpStatusCode.OK);
        await hub.Receiver.WaitForAsync(all => all.Any(d => d.Path == $"/customers/{customer}"), Deadline, "a first try");
        Assert.Equal("pushing@1", await SelectionAsync(customer, product));

        hub.Receiver.Control.Update(k => k with { Status = 200 });
        await HubClients.EventuallyAsync(() => SelectionAsync(customer, product), s => s == "pushed@1", Deadline, "the selection pushed");
        var delivered = hub.Receiver.Deliveries.Single(d => d.Path == $"/customers/{customer}" && d.Status == 200);
        Assert.True(delivered.Verified);
        Assert.Equal("product.pushed", delivered.Json()["type"]!.GetValue<string>());
        Assert.Equal(product, delivered.Json()["product"]!["id"]!.GetValue<Guid>());
        Assert.Equal("processed=1", await hub.StatusesAsync($"customer:{customer}"));
    }

    [Fact]
    public async Task WithAutoRepushAChangeToAPushedProductIsPushedAgainOtherwiseItIsStale()
    {
        hub.Receiver.Control.Reset();
        var key = CatalogTestData.NewKey();
        var product = (await hub.UpsertAsync(key, CatalogTestData.Product(1m))).ProductId;
        var repushing = await CustomerAsync(autoRepush: true, product);
        var manual = await CustomerAsync(autoRepush: false, product);
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{repushing}/push", null, HttpStatusCode.OK);
        await hub.SendAsync(HttpMethod.Post, $"/api/customers/{manual}/push", null, HttpStatusCode.OK);
        await HubClients.EventuallyAsync(() => SelectionAsync(repushing, product), s => s == "pushed@1", Deadline, "the first push delivered");
        await HubClients.EventuallyAsync(() => SelectionAsync(manual, product), s => s == "pushed@1", Deadline, "the other push delivered");

        await hub.UpsertAsync(key, CatalogTestData.Product(2m));

        await HubClients.EventuallyAsync(() => SelectionAsync(repushing, product), s => s == "pushed@2", Deadline, "the change re-pushed and delivered");
        Assert.StartsWith("stale@1", await SelectionAsync(manual, product));
        var versions = hub.Receiver.Deliveries.Where(d => d.Path == $"/customers/{repushing}" && d.Status == 200)
            .Select(d => d.Json()["product"]!["version"]!.GetValue<int>()).ToList();
        Assert.Equal([1, 2], versions);
        Assert.Equal(2L, await hub.ScalarAsync<long>("SELECT count(*) FROM product_push_log WHERE customer_id = $1", repushing));
        Assert.Equal("processed=1", await hub.StatusesAsync($"customer:{manual}"));
    }
}
