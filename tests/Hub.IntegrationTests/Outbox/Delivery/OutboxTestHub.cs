using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CatalogHub.IntegrationTests.Ingest;
using CatalogHub.WebhookReceiver;

namespace CatalogHub.IntegrationTests.Outbox.Delivery;

/// <summary>A hub whose dispatchers retry and sweep fast, with a webhook receiver beside it.</summary>
public sealed class OutboxTestHub : TestHub, IAsyncLifetime
{
    public const string Secret = "outbox-test-secret-0123456789";

    public RunningWebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Dispatchers that retry within a second, lease for 5 s and sweep every second (tests wait on them).</summary>
    public static readonly string[] FastOutbox =
    [
        "--Hub:Outbox:RetryBase=00:00:00.200",
        "--Hub:Outbox:RetryCap=00:00:01",
        "--Hub:Outbox:Lease=00:00:05",
        "--Hub:Outbox:SweepInterval=00:00:01",
    ];

    protected override IEnumerable<string> Arguments => FastOutbox;

    public new async Task InitializeAsync()
    {
        Receiver = await WebhookReceiverHost.StartAsync(new ReceiverOptions { Secrets = [Secret] });
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>Stores with webhook targets, ingestion through the API, and reading the outbox back.</summary>
public static class OutboxTestData
{
    /// <summary>A new store whose changes go to the receiver at <c>/stores/{number}</c>.</summary>
    public static async Task<string> StoreWithWebhookAsync(this OutboxTestHub hub)
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        await hub.SendAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery",
            new { kind = "webhook", url = hub.Receiver.Url($"stores/{store}").ToString(), secret = OutboxTestHub.Secret }, HttpStatusCode.OK);
        return store;
    }

    /// <summary>Creates or replaces a product with one variant per SKU in <paramref name="store"/>; its product number.</summary>
    public static async Task<long> IngestProductAsync(this TestHub hub, string store, string title, params string[] skus)
    {
        using var client = hub.Client();
        var (response, body) = await client.PostAsync($"/api/v1/ingest/products/{store}", IngestTestData.Body([("p", IngestTestData.Product(title, skus))]));
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var result = body.GetProperty("results")[0];
        Assert.Equal("success", result.GetProperty("status").GetString());
        return result.GetProperty("product_id").GetInt64();
    }

    /// <summary>Sets the price of <paramref name="sku"/> in <paramref name="store"/>.</summary>
    public static async Task SetPriceAsync(this TestHub hub, string store, string sku, decimal price)
    {
        using var client = hub.Client();
        var (response, body) = await client.PostAsync("/api/v1/ingest/prices", IngestTestData.Body([("s", new { sku, store_id = store, price, price_type = "R" })]));
        Assert.True(response.IsSuccessStatusCode && body.GetProperty("results")[0].GetProperty("status").GetString() == "success", body.ToString());
    }

    /// <summary>Status counts of the target's events, e.g. <c>processed=3</c>.</summary>
    public static Task<string> StatusesAsync(this TestHub hub, string target) => hub.ScalarAsync<string>(
        "SELECT coalesce(string_agg(status || '=' || n, ',' ORDER BY status), '') FROM (SELECT status, count(*) AS n FROM outbox_events WHERE target = $1 GROUP BY status) s",
        target);

    /// <summary>Waits until every event of the target is processed (and there are <paramref name="events"/>).</summary>
    public static Task UntilProcessedAsync(this TestHub hub, string target, int events) =>
        HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == $"processed={events}", TimeSpan.FromSeconds(60), $"{events} events of {target} processed");

    /// <summary>The JSON body of a delivery.</summary>
    public static JsonNode Json(this CatalogHub.WebhookReceiver.Recording.ReceivedDelivery delivery) => JsonNode.Parse(delivery.Body)!;

    /// <summary>The outbox events of a target from the admin API.</summary>
    public static async Task<JsonElement[]> AdminEventsAsync(this TestHub hub, string target, string? status = null) =>
        [.. (await hub.GetJsonAsync($"/api/v1/admin/outbox?target={Uri.EscapeDataString(target)}{(status is null ? "" : $"&status={status}")}"))
            .GetProperty("outbox_events").EnumerateArray()];
}
