using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CatalogHub.Grains.Imports;
using CatalogHub.WebhookReceiver;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using CatalogHub.WebhookReceiver.Recording;

namespace CatalogHub.IntegrationTests.Outbox.Callbacks;

/// <summary>
/// A hub with the scripted supplier adapter, fast outbox retries and sweeps, ingestion batches of more than one entry
/// answered 202, and a webhook receiver that knows the callback secret every test key signs with.
/// </summary>
public sealed class CallbackTestHub : SyncTestHub, IAsyncLifetime
{
    public const string Secret = "callback-test-secret-0123456789";

    public RunningWebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Holds feed imports at a point (to have one WAITING behind it).</summary>
    public Imports.ScriptedFaults Faults { get; } = new();

    protected override void Configure(WebApplicationBuilder builder)
    {
        base.Configure(builder);
        builder.Services.AddSingleton<IImportFaults>(Faults);
    }

    protected override IEnumerable<string> Arguments =>
    [
        .. base.Arguments,
        .. Delivery.OutboxTestHub.FastOutbox,
        "--Hub:Ingest:SyncMaxEntries=1",
    ];

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

/// <summary>A key with callback settings, and what tests check of the callbacks it receives.</summary>
public sealed record CallbackKey(Guid Id, string Secret, HttpClient Client, string Path) : IDisposable
{
    public void Dispose() => Client.Dispose();
}

public static class CallbackTestData
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A new admin key with the callback secret; <paramref name="withDefault"/>: its default callback URL is the
    /// receiver's <see cref="CallbackKey.Path"/> (a path of its own).
    /// </summary>
    public static async Task<CallbackKey> CallbackKeyAsync(this CallbackTestHub hub, bool withDefault, bool withSecret = true)
    {
        var path = $"callbacks/{Guid.NewGuid():N}";
        var created = await hub.SendAsync(HttpMethod.Post, "/api/keys", new
        {
            name = "callback test",
            scopes = new[] { "admin" },
            callback_url = withDefault ? hub.Receiver.Url(path).ToString() : null,
            callback_secret = withSecret ? CallbackTestHub.Secret : null,
        }, HttpStatusCode.Created);
        Assert.DoesNotContain(CallbackTestHub.Secret, created.GetRawText(), StringComparison.Ordinal);
        var secret = created.GetProperty("key").GetString()!;
        return new CallbackKey(created.GetProperty("id").GetGuid(), secret, hub.Client(secret), "/" + path);
    }

    /// <summary>The receiver's URL for <paramref name="key"/>'s path, escaped for a query string.</summary>
    public static string CallbackQuery(this CallbackTestHub hub, CallbackKey key) =>
        "callback_url=" + Uri.EscapeDataString(hub.Receiver.Url(key.Path).ToString());

    /// <summary>
    /// Waits until the key's callback event is processed, then returns the one delivery the receiver got on the key's
    /// path (exactly one: asserted).
    /// </summary>
    public static async Task<ReceivedDelivery> SingleCallbackAsync(this CallbackTestHub hub, CallbackKey key)
    {
        await HubClients.EventuallyAsync(
            () => hub.ScalarAsync<string>("SELECT coalesce(string_agg(status, ','), '') FROM outbox_events WHERE callback_key = $1", key.Id),
            s => s == "processed", Deadline, $"the callback of key {key.Id} processed");
        var deliveries = hub.Receiver.Deliveries.Where(d => d.Path == key.Path).ToList();
        return Assert.Single(deliveries);
    }

    /// <summary>Asserts a callback: signed with the key's secret, of <paramref name="type"/>, its job equal to the job's GET body.</summary>
    public static void AssertCallback(ReceivedDelivery delivery, string type, JsonElement getBody)
    {
        Assert.True(delivery.Verified, "the signature does not verify with the key's callback secret");
        Assert.Equal(WebhookSignature.Compute(CallbackTestHub.Secret, delivery.RawBody), delivery.Signature);
        var body = JsonNode.Parse(delivery.Body)!;
        Assert.Equal(type, body["type"]!.GetValue<string>());
        Assert.Equal(delivery.EventId, body["event_id"]!.GetValue<string>());
        var expected = JsonNode.Parse(getBody.GetRawText());
        Assert.True(JsonNode.DeepEquals(expected, body["job"]), $"callback job {body["job"]?.ToJsonString()} differs from GET {getBody.GetRawText()}");
    }

    /// <summary>How many callback events the key has (any status).</summary>
    public static Task<long> CallbackCountAsync(this CallbackTestHub hub, Guid keyId) =>
        hub.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE callback_key = $1", keyId);

    /// <summary>GET as <paramref name="client"/>, expecting 200.</summary>
    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
