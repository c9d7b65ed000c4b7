using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.IntegrationTests.Ingest;
using CatalogHub.WebhookReceiver;

namespace CatalogHub.IntegrationTests.Outbox.Delivery;

/// <summary>Delivery on two silo processes: the silo running a target's dispatcher is killed in the middle of deliveries.</summary>
public sealed class DeliveryClusterTests
{
    private readonly string _adminKey = ApiKeySecret.Generate();

    [Fact]
    public async Task KillingTheDispatchersSiloMidDeliveryDeliversEveryEventAfterwardsUnderItsOwnId()
    {
        const int products = 40;
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var receiver = await WebhookReceiverHost.StartAsync(new ReceiverOptions { Secrets = [OutboxTestHub.Secret] });
        receiver.Control.Update(k => k with { LatencyMs = 300 });
        await using var pair = await SiloPair.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Hub"] = db,
            ["Hub__ClusterId"] = $"outbox-{Guid.NewGuid():N}"[..20],
            ["Hub__BootstrapAdminKey"] = _adminKey,
            ["Hub__Reminders__MinimumPeriod"] = "00:00:01",
            ["Hub__Outbox__Lease"] = "00:00:05",
            ["Hub__Outbox__SweepInterval"] = "00:00:01",
            ["Hub__Outbox__Concurrency"] = "4",
            ["Hub__Ingest__Limits__RequestsPerMinute"] = "100000",
        }, _adminKey);
        var store = await IngestTestData.CreateStoreAsync(db);
        var target = $"store:{store}";
        using (var put = await pair.ViaA.PutAsJsonAsync($"/api/v1/admin/stores/{store}/delivery",
            new { kind = "webhook", url = receiver.Url($"stores/{store}").ToString(), secret = OutboxTestHub.Secret }))
        {
            put.EnsureSuccessStatusCode();
        }

        var (response, body) = await pair.ViaB.PostAsync($"/api/v1/ingest/products/{store}",
            IngestTestData.Body(Enumerable.Range(0, products).Select(i => ($"e{i}", IngestTestData.Product($"Killed {i}", $"K-{i}")))));
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        await receiver.WaitForAsync(3, TimeSpan.FromSeconds(60));

        var silo = await HubClients.EventuallyAsync(() => DispatcherSiloAsync(pair.ViaA, target), s => s is not null, TimeSpan.FromSeconds(30), "the dispatcher's silo");
        var (victim, survivor, via) = silo!.Contains($":{pair.A.SiloPort}:", StringComparison.Ordinal) ? (pair.A, pair.B, pair.ViaB) : (pair.B, pair.A, pair.ViaA);
        var inFlight = await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'processing'", target);
        victim.Kill();
        Assert.True(inFlight > 0, "no deliveries were in flight when the silo was killed");

        await HubClients.EventuallyAsync(() => Sql.ScalarAsync<long>(db, "SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'processed'", target),
            n => n == products, TimeSpan.FromSeconds(90), $"all {products} events processed after the kill");
        Assert.Contains($":{survivor.SiloPort}:", await DispatcherSiloAsync(via, target), StringComparison.Ordinal);
        var ids = (await Sql.ScalarAsync<string>(db, "SELECT string_agg(id::text, ',' ORDER BY id) FROM outbox_events WHERE target = $1", target)).Split(',');
        var received = receiver.Deliveries.Where(d => d.Status == 200).Select(d => d.EventId!).ToList();
        Assert.Equal(ids, received.Distinct().Order(StringComparer.Ordinal));
        Assert.All(receiver.Deliveries, d => Assert.True(d.Verified));
    }

    private static async Task<string?> DispatcherSiloAsync(HttpClient client, string target)
    {
        var backlog = await client.GetFromJsonAsync<JsonElement>("/api/v1/admin/outbox/targets");
        var row = backlog.EnumerateArray().FirstOrDefault(t => t.GetProperty("target").GetString() == target);
        return row.ValueKind == JsonValueKind.Object && row.TryGetProperty("dispatcher", out var d) ? d.GetProperty("silo").GetString() : null;
    }
}
