using System.Net;
using CatalogHub.IntegrationTests.Ingest;
using CatalogHub.IntegrationTests.Outbox.Shopify;
using CatalogHub.ShopifySimulator;
using CatalogHub.WebhookReceiver;

namespace CatalogHub.IntegrationTests.Outbox.Delivery;

/// <summary>A hub configured as in production: outbound deliveries to private and loopback addresses are refused.</summary>
public sealed class PrivateNetworkHub : TestHub, IAsyncLifetime
{
    public RunningWebhookReceiver Receiver { get; private set; } = null!;

    // Later command-line settings win over TestHub's own (which allows loopback for every other test).
    protected override IEnumerable<string> Arguments => [.. OutboxTestHub.FastOutbox, "--Hub:Outbox:AllowPrivateNetworks=false", "--Hub:Ingest:SyncMaxEntries=1"];

    public new async Task InitializeAsync()
    {
        Receiver = await WebhookReceiverHost.StartAsync(new ReceiverOptions { Secrets = [OutboxTestHub.Secret] });
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}

/// <summary>
/// Server-side request forgery: a webhook, callback or shop URL chosen by an API caller must not make the hub call into
/// its own network. Each is refused at connect time, its event fails at once with the reason, and nothing arrives.
/// </summary>
public sealed class PrivateNetworkTests(PrivateNetworkHub hub) : IClassFixture<PrivateNetworkHub>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")] // a name, resolved by the hub and judged by the addresses it resolves to
    public async Task AWebhookOnLoopbackIsNotCalledAndItsEventFailsSayingWhy(string host)
    {
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var url = new UriBuilder(hub.Receiver.Url($"stores/{store}")) { Host = host }.Uri;
        await hub.SendAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery", new { kind = "webhook", url = url.ToString(), secret = OutboxTestHub.Secret }, HttpStatusCode.OK);

        await hub.IngestProductAsync(store, "Internal", "IN-1");

        var target = $"store:{store}";
        await HubClients.EventuallyAsync(() => hub.StatusesAsync(target), s => s == "failed=1", Deadline, "the event failed");
        var failed = Assert.Single(await hub.AdminEventsAsync(target, "failed"));
        Assert.Contains("private, loopback or reserved addresses", failed.GetProperty("error_message").GetString());
        Assert.Contains("Hub:Outbox:AllowPrivateNetworks", failed.GetProperty("error_message").GetString());
        Assert.DoesNotContain(hub.Receiver.Deliveries, d => d.Path == $"/stores/{store}");
    }

    [Fact]
    public async Task AJobCallbackToAnInternalAddressIsNotCalled()
    {
        // An ingest key (a partner's system, not an admin) whose default callback points into the hub's network.
        var callback = hub.Receiver.Url($"callbacks/{Guid.NewGuid():N}");
        var key = (await hub.SendAsync(HttpMethod.Post, "/api/keys", new
        {
            name = "partner", scopes = new[] { "ingest" }, callback_url = callback.ToString(), callback_secret = OutboxTestHub.Secret,
        }, HttpStatusCode.Created)).GetProperty("key").GetString()!;
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        using var client = hub.Client(key);
        var (response, body) = await client.PostAsync($"/api/v1/ingest/products/{store}",
            IngestTestData.Body([("a", IngestTestData.Product("Probe A", "CB-A")), ("b", IngestTestData.Product("Probe B", "CB-B"))]));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());

        var error = await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<string>("SELECT coalesce(string_agg(status || ': ' || coalesce(error_message, ''), ','), '') FROM outbox_events WHERE callback_url = $1", callback.ToString()),
            s => s.StartsWith("failed", StringComparison.Ordinal), Deadline, "the callback failed");
        Assert.Contains("private, loopback or reserved addresses", error);
        Assert.DoesNotContain(hub.Receiver.Deliveries, d => d.Path == callback.AbsolutePath);
    }

    [Fact]
    public async Task AShopOnLoopbackIsNotCalled()
    {
        await using var shop = await ShopifySimulatorHost.StartAsync();
        var (store, _, _) = await hub.StoreWithShopifyAsync(shop);
        await hub.IngestProductAsync(store, "Internal shop", "IS-1");

        await HubClients.EventuallyAsync(() => hub.StatusesAsync($"store:{store}"), s => s == "failed=1", Deadline, "the event failed");
        Assert.Contains("private, loopback or reserved addresses", Assert.Single(await hub.AdminEventsAsync($"store:{store}", "failed")).GetProperty("error_message").GetString());
        Assert.Equal(0, shop.Requests.Total);
    }
}
