using System.Net;
using System.Text.Json;
using CatalogHub.WebhookReceiver.Recording;

namespace CatalogHub.IntegrationTests.Outbox.Delivery;

/// <summary>A store's changes delivered to its webhook: signed, in order, at least once, nothing lost in an outage.</summary>
public sealed class WebhookDeliveryTests(OutboxTestHub hub) : IClassFixture<OutboxTestHub>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private Task<IReadOnlyList<ReceivedDelivery>> DeliveredAsync(string store, Func<IReadOnlyList<ReceivedDelivery>, bool> done, string what) =>
        hub.Receiver.WaitForAsync(all => done(Of(all, store)), Deadline, what);

    private static List<ReceivedDelivery> Of(IReadOnlyList<ReceivedDelivery> all, string store) =>
        [.. all.Where(d => d.Path == $"/stores/{store}" && d.Status == 200)];

    [Fact]
    public async Task ACreateAndAPriceChangeReachTheWebhookSignedAndCarryingTheProductsState()
    {
        hub.Receiver.Control.Reset();
        var store = await hub.StoreWithWebhookAsync();
        var number = await hub.IngestProductAsync(store, "Webhook Tee", "WT-1");
        var created = Of(await DeliveredAsync(store, d => d.Count >= 1, "the create"), store).Single();

        Assert.True(created.Verified, "the signature does not verify with the target's secret");
        var body = created.Json();
        Assert.Equal(created.EventId, body["event_id"]!.GetValue<string>());
        Assert.Equal("product.created", body["type"]!.GetValue<string>());
        Assert.Equal("product.created", created.Header(CatalogHub.Grains.Outbox.WebhookSignature.EventTypeHeader));
        Assert.Equal(number, body["product"]!["number"]!.GetValue<long>());
        Assert.Equal(1, body["product"]!["version"]!.GetValue<int>());
        Assert.Equal($"store:{store}", body["product"]!["catalog"]!.GetValue<string>());
        Assert.Equal("WT-1", body["product"]!["variants"]![0]!["sku"]!.GetValue<string>());

        await hub.SetPriceAsync(store, "WT-1", 34.99m);
        var updated = Of(await DeliveredAsync(store, d => d.Count >= 2, "the price change"), store)[1];
        Assert.True(updated.Verified);
        Assert.Equal("product.updated", updated.Json()["type"]!.GetValue<string>());
        Assert.Equal(2, updated.Json()["product"]!["version"]!.GetValue<int>());
        Assert.Equal(34.99m, updated.Json()["product"]!["variants"]![0]!["base_price"]!.GetValue<decimal>());

        await hub.UntilProcessedAsync($"store:{store}", 2);
        var events = await hub.AdminEventsAsync($"store:{store}");
        Assert.All(events, e => Assert.Equal(1, e.GetProperty("attempts").GetInt32()));
        Assert.Equal(["price", "product.sync"], events.Select(e => e.GetProperty("sync_operation").GetString()));
        Assert.Equal(
            events.Select(e => e.GetProperty("event_id").GetString()).Order(),
            Of(hub.Receiver.Deliveries, store).Select(d => d.EventId).Order());
    }

    [Fact]
    public async Task DuringAnOutageNothingIsProcessedOrChargedAndAfterItEveryEventArrives()
    {
        hub.Receiver.Control.Reset();
        var store = await hub.StoreWithWebhookAsync();
        hub.Receiver.Control.Update(k => k with { Status = 503 });
        foreach (var i in Enumerable.Range(0, 3))
        {
            await hub.IngestProductAsync(store, $"Outage {i}", $"OUT-{i}");
        }

        // Tried more often than max_attempts while the target is down.
        await hub.Receiver.WaitForAsync(all => all.Count(d => d.Path == $"/stores/{store}" && d.Status == 503) >= 4, Deadline, "503s");
        var target = $"store:{store}";
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status IN ('processed', 'failed')", target));
        Assert.Equal(0L, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND attempts > 0", target));
        Assert.Contains("503", await hub.ScalarAsync<string>("SELECT max(error_message) FROM outbox_events WHERE target = $1", target));

        hub.Receiver.Control.Update(k => k with { Status = 200 });
        await hub.UntilProcessedAsync(target, 3);
        var delivered = Of(hub.Receiver.Deliveries, store);
        Assert.Equal(3, delivered.Select(d => d.EventId).Distinct().Count());
        Assert.All(delivered, d => Assert.True(d.Verified));
    }

    [Fact]
    public async Task PendingEventsOfOneProductAreDeliveredOnceAsTheLatest()
    {
        hub.Receiver.Control.Reset();
        var store = await hub.StoreWithWebhookAsync();
        hub.Receiver.Control.Update(k => k with { Status = 503 });
        await hub.IngestProductAsync(store, "Coalesced", "CO-1");
        await hub.Receiver.WaitForAsync(all => all.Any(d => d.Path == $"/stores/{store}"), Deadline, "a first try");
        await hub.SetPriceAsync(store, "CO-1", 11m);
        await hub.SetPriceAsync(store, "CO-1", 12m);
        // A round that claimed before the last change may be in flight: let the shop take deliveries only once a
        // round has carried the latest event (and so all three).
        var latest = await hub.ScalarAsync<Guid>("SELECT id FROM outbox_events WHERE target = $1 ORDER BY seq DESC LIMIT 1", $"store:{store}");
        await hub.Receiver.WaitForAsync(all => all.Any(d => d.EventId == latest.ToString()), Deadline, "a try of the latest event");

        hub.Receiver.Control.Update(k => k with { Status = 200 });
        await hub.UntilProcessedAsync($"store:{store}", 3);
        var delivered = Assert.Single(Of(hub.Receiver.Deliveries, store));
        Assert.Equal(3, delivered.Json()["product"]!["version"]!.GetValue<int>());
        Assert.Equal(12m, delivered.Json()["product"]!["variants"]![0]!["base_price"]!.GetValue<decimal>());
        Assert.Equal(latest.ToString(), delivered.EventId);
        Assert.Equal(3L, await hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND delivered_as = $2", $"store:{store}", latest));
    }

    [Fact]
    public async Task ARefusedEventFailsAfterMaxAttemptsIsVisibleAndTheRetryEndpointsDeliverIt()
    {
        hub.Receiver.Control.Reset();
        var store = await hub.StoreWithWebhookAsync();
        var target = $"store:{store}";
        hub.Receiver.Control.Update(k => k with { Status = 422 });
        await hub.IngestProductAsync(store, "Refused", "RF-1");
        await HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == "failed=1", Deadline, "the event failed");

        var failed = Assert.Single(await hub.AdminEventsAsync(target, "failed"));
        Assert.Equal(3, failed.GetProperty("attempts").GetInt32());
        Assert.Equal(3, failed.GetProperty("max_attempts").GetInt32());
        Assert.Contains("422", failed.GetProperty("error_message").GetString());
        Assert.Equal(3, hub.Receiver.Deliveries.Count(d => d.Path == $"/stores/{store}"));
        var backlog = (await hub.GetJsonAsync("/api/v1/admin/outbox/targets")).EnumerateArray().Single(t => t.GetProperty("target").GetString() == target);
        Assert.Equal(1, backlog.GetProperty("failed").GetInt32());

        hub.Receiver.Control.Update(k => k with { Status = 200 });
        var id = failed.GetProperty("id").GetInt64();
        var retried = await hub.SendAsync(HttpMethod.Post, $"/api/v1/admin/outbox/{id}/retry", null, HttpStatusCode.OK);
        Assert.NotEqual("failed", retried.GetProperty("status").GetString()); // pending, or already on its way
        await hub.UntilProcessedAsync(target, 1);
        await hub.SendAsync(HttpMethod.Post, $"/api/v1/admin/outbox/{id}/retry", null, HttpStatusCode.Conflict);
        await hub.SendAsync(HttpMethod.Post, "/api/v1/admin/outbox/999999999/retry", null, HttpStatusCode.NotFound);
        await hub.SendAsync(HttpMethod.Post, "/api/v1/admin/outbox/abc/retry", null, HttpStatusCode.NotFound);

        hub.Receiver.Control.Update(k => k with { Status = 400 });
        await hub.IngestProductAsync(store, "Refused too", "RF-2");
        await hub.IngestProductAsync(store, "Refused three", "RF-3");
        await HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == "failed=2,processed=1", Deadline, "two more failed");
        hub.Receiver.Control.Update(k => k with { Status = 200 });
        var all = await hub.SendAsync(HttpMethod.Post, $"/api/v1/admin/outbox/retry-failed?target={target}", null, HttpStatusCode.OK);
        Assert.Equal(2, all.GetProperty("retried").GetInt32());
        await hub.UntilProcessedAsync(target, 3);
    }

    [Fact]
    public async Task A410DisablesTheTargetUntilItIsSetAgain()
    {
        hub.Receiver.Control.Reset();
        var store = await hub.StoreWithWebhookAsync();
        var target = $"store:{store}";
        hub.Receiver.Control.Update(k => k with { Status = 410 });
        await hub.IngestProductAsync(store, "Gone", "GO-1");
        await HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == "failed=1", Deadline, "the event failed");
        var config = await hub.GetJsonAsync($"/api/v1/admin/stores/{store}/delivery");
        Assert.NotEqual(JsonValueKind.Null, config.GetProperty("disabled_at").ValueKind);
        Assert.Contains("410", config.GetProperty("disabled_reason").GetString());
        Assert.Single(hub.Receiver.Deliveries, d => d.Path == $"/stores/{store}");

        hub.Receiver.Control.Update(k => k with { Status = 200 });
        await hub.SendAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery", new { kind = "webhook", url = hub.Receiver.Url($"stores/{store}").ToString() }, HttpStatusCode.OK);
        await hub.SendAsync(HttpMethod.Post, $"/api/v1/admin/outbox/retry-failed?target={target}", null, HttpStatusCode.OK);
        await hub.UntilProcessedAsync(target, 1);
    }

    [Fact]
    public async Task TargetConfigurationNeverShowsItsSecretAndRefusesBadInput()
    {
        var store = await hub.StoreWithWebhookAsync();
        using var client = hub.Client();
        var text = await client.GetStringAsync($"/api/v1/admin/stores/{store}/delivery");
        Assert.DoesNotContain(OutboxTestHub.Secret, text, StringComparison.Ordinal);
        Assert.Contains("\"secret\":\"set\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("auto_repush", text, StringComparison.Ordinal); // a customer's setting, not a store's

        var bad = await hub.SendAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery", new { kind = "shopify", shop_domain = "not a domain", api_version = "v1" }, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["access_token", "api_version", "shop_domain"], bad.GetProperty("validation_errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).Order());
        await hub.SendAsync(HttpMethod.Put, "/api/v1/admin/stores/NOPE-404/delivery", new { kind = "webhook", url = "http://127.0.0.1:1/x", secret = OutboxTestHub.Secret }, HttpStatusCode.NotFound);
        await hub.SendAsync(HttpMethod.Get, "/api/v1/admin/outbox?status=done", null, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(text, await client.GetStringAsync($"/api/v1/admin/stores/{store}/delivery"));
    }
}
