using System.Net;
using System.Text.Json;
using CatalogHub.IntegrationTests.Ingest;

namespace CatalogHub.IntegrationTests.Outbox.Callbacks;

/// <summary>Ingestion jobs call back when they end; this hub answers batches of more than one entry with 202.</summary>
public sealed class IngestJobCallbackTests(CallbackTestHub hub) : IClassFixture<CallbackTestHub>
{
    private static System.Text.Json.Nodes.JsonObject Batch(int products) =>
        IngestTestData.Body(Enumerable.Range(0, products).Select(i => ($"p{i}", IngestTestData.Product($"Callback Tee {i}", $"CB-{Guid.NewGuid():N}"))));

    private async Task<string> PostAsync(CallbackKey key, string store, int products, string query = "", HttpStatusCode expected = HttpStatusCode.Accepted)
    {
        var (response, body) = await key.Client.PostAsync($"/api/v1/ingest/products/{store}?{query}", Batch(products));
        using (response)
        {
            Assert.True(expected == response.StatusCode, body.ToString());
        }

        return body.TryGetProperty("job_id", out var id) ? id.GetString()! : "";
    }

    private Task<JsonElement> FinishedAsync(CallbackKey key, string job) => HubClients.EventuallyAsync(
        () => key.Client.GetOkAsync($"/api/v1/jobs/{job}"), j => j.GetProperty("completed_at").ValueKind == JsonValueKind.String,
        CallbackTestData.Deadline, $"ingestion job {job} ends");

    [Fact]
    public async Task AnAsyncBatchWithACallbackUrlPostsOneSignedCallbackWhoseJobIsTheJobsGetBody()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var job = await PostAsync(key, store, 2, hub.CallbackQuery(key));
        Assert.Equal("completed", (await FinishedAsync(key, job)).GetProperty("status").GetString());

        var delivery = await hub.SingleCallbackAsync(key);
        CallbackTestData.AssertCallback(delivery, "ingest_job.completed", await key.Client.GetOkAsync($"/api/v1/jobs/{job}"));
    }

    [Fact]
    public async Task AnAsyncBatchWithoutCallbackUrlUsesTheKeysDefaultButASynchronousOneDoesNot()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var synchronous = await PostAsync(key, store, 1, expected: HttpStatusCode.OK);
        await FinishedAsync(key, synchronous);
        Assert.Equal(0, await hub.CallbackCountAsync(key.Id));

        var job = await PostAsync(key, store, 2);
        await FinishedAsync(key, job);
        CallbackTestData.AssertCallback(await hub.SingleCallbackAsync(key), "ingest_job.completed", await key.Client.GetOkAsync($"/api/v1/jobs/{job}"));
    }

    [Fact]
    public async Task WithNeitherACallbackUrlNorADefaultNoCallbackIsWritten()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        await FinishedAsync(key, await PostAsync(key, store, 2));
        Assert.Equal(0, await hub.CallbackCountAsync(key.Id));
    }

    [Fact]
    public async Task ACallbackUrlIsRefusedWithTheContracts422WhenTheKeyHasNoSecret()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false, withSecret: false);
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        var (response, body) = await key.Client.PostAsync($"/api/v1/ingest/products/{store}?{hub.CallbackQuery(key)}", Batch(2));
        using (response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }

        var error = Assert.Single(body.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal("callback_url", error.GetProperty("field").GetString());
        Assert.Contains("callback secret", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM ingest_jobs WHERE api_key_id = $1", key.Id));
    }

    [Fact]
    public async Task ASecretSetAfterARefusalCountsAtOnceAndARemovedDefaultStopsCallbacks()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false, withSecret: false);
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        await PostAsync(key, store, 2, hub.CallbackQuery(key), HttpStatusCode.UnprocessableEntity);

        await hub.SendAsync(HttpMethod.Put, $"/api/keys/{key.Id}/callback",
            new { callback_url = hub.Receiver.Url(key.Path).ToString(), callback_secret = CallbackTestHub.Secret }, HttpStatusCode.OK);
        var job = await PostAsync(key, store, 2); // the new default applies at once on this silo
        await FinishedAsync(key, job);
        CallbackTestData.AssertCallback(await hub.SingleCallbackAsync(key), "ingest_job.completed", await key.Client.GetOkAsync($"/api/v1/jobs/{job}"));

        await hub.SendAsync(HttpMethod.Delete, $"/api/keys/{key.Id}/callback", null, HttpStatusCode.NoContent);
        await FinishedAsync(key, await PostAsync(key, store, 2));
        Assert.Equal(1, await hub.CallbackCountAsync(key.Id));
    }

    [Fact]
    public async Task ACallbackOfAKeyRevokedWhileItWaitedFailsInsteadOfWaitingForever()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        var store = await IngestTestData.CreateStoreAsync(hub.ConnectionString);
        const string Query = "SELECT coalesce(string_agg(status || ': ' || coalesce(error_message, ''), ','), '') FROM outbox_events WHERE callback_key = $1";

        // The receiver refuses until the event has failed: a round that began before the revocation (it holds the
        // secret it read) may still send once, and that attempt must not be able to succeed.
        hub.Receiver.Control.Update(k => k with { Status = 503 });
        string failed;
        try
        {
            await FinishedAsync(key, await PostAsync(key, store, 2));
            await hub.Receiver.WaitForAsync(all => all.Any(d => d.Path == key.Path), CallbackTestData.Deadline, "a refused callback");
            await hub.SendAsync(HttpMethod.Delete, $"/api/keys/{key.Id}", null, HttpStatusCode.NoContent);
            failed = await HubClients.EventuallyAsync(() => hub.ScalarAsync<string>(Query, key.Id), s => s.StartsWith("failed", StringComparison.Ordinal), CallbackTestData.Deadline, "the callback failed");
        }
        finally
        {
            hub.Receiver.Control.Update(k => k with { Status = 200 });
        }

        Assert.Contains("revoked", failed, StringComparison.Ordinal);

        // Retried by an admin while the receiver would take it: failed again for the same reason, never sent.
        var seq = await hub.ScalarAsync<long>("SELECT seq FROM outbox_events WHERE callback_key = $1", key.Id);
        await hub.SendAsync(HttpMethod.Post, $"/api/v1/admin/outbox/{seq}/retry", null, HttpStatusCode.OK);
        var again = await HubClients.EventuallyAsync(() => hub.ScalarAsync<string>(Query, key.Id), s => s.StartsWith("failed", StringComparison.Ordinal), CallbackTestData.Deadline, "the retried callback failed");
        Assert.Contains("revoked", again, StringComparison.Ordinal);
        Assert.DoesNotContain(hub.Receiver.Deliveries, d => d.Path == key.Path && d.Status == 200);
    }
}
