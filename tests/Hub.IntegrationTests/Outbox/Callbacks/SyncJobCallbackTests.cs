using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CatalogHub.IntegrationTests.Outbox.Callbacks;

/// <summary>Sync jobs started with a callback URL (or under a key with a default one) POST their summary when they end.</summary>
public sealed class SyncJobCallbackTests(CallbackTestHub hub) : IClassFixture<CallbackTestHub>
{
    private async Task<Guid> StartAsync(CallbackKey key, Guid supplier, string query = "")
    {
        using var response = await key.Client.PostAsJsonAsync($"/api/suppliers/{supplier}/import?{query}", new { mode = "full_sellable" });
        Assert.True(HttpStatusCode.Accepted == response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_job_id").GetGuid();
    }

    [Fact]
    public async Task AnImportWithACallbackUrlPostsOneSignedCallbackWhoseJobIsTheJobsGetBody()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var supplier = await hub.CreateSupplierAsync(new { count = 3 });
        var job = await StartAsync(key, supplier, hub.CallbackQuery(key));
        var finished = await hub.FinishedAsync(job);
        Assert.Equal("success", finished.Status());

        var delivery = await hub.SingleCallbackAsync(key);
        CallbackTestData.AssertCallback(delivery, "sync_job.completed", await hub.JobAsync(job));
        Assert.Equal(1, await hub.CallbackCountAsync(key.Id));
    }

    [Fact]
    public async Task AFailedJobCallsBackToo()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        var supplier = await hub.CreateSupplierAsync(new { count = 2, discover_fault = "auth" });
        var job = await StartAsync(key, supplier);
        Assert.Equal("failed", (await hub.FinishedAsync(job)).Status());

        CallbackTestData.AssertCallback(await hub.SingleCallbackAsync(key), "sync_job.completed", await hub.JobAsync(job));
    }

    [Fact]
    public async Task ARetryWithoutCallbackUrlUsesTheKeysDefault()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        var first = await hub.SyncAsync(supplier); // started by the admin key, which has no callback
        using var response = await key.Client.PostAsync($"/api/sync-jobs/{first.GetProperty("id").GetGuid()}/retry", null);
        Assert.True(HttpStatusCode.Created == response.StatusCode, await response.Content.ReadAsStringAsync());
        var retried = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await hub.FinishedAsync(retried);

        CallbackTestData.AssertCallback(await hub.SingleCallbackAsync(key), "sync_job.completed", await hub.JobAsync(retried));
    }

    [Fact]
    public async Task WithNeitherACallbackUrlNorADefaultNoCallbackIsWritten()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        var job = await StartAsync(key, supplier);
        await hub.FinishedAsync(job);

        Assert.Equal(0, await hub.CallbackCountAsync(key.Id));
        Assert.Equal("", await hub.ScalarAsync<string>("SELECT coalesce(callback_url, '') FROM sync_jobs WHERE id = $1", job));
    }

    [Fact]
    public async Task ACallbackUrlIsRefusedWith422WhenTheKeyHasNoSecretOrTheUrlIsNotHttp()
    {
        using var noSecret = await hub.CallbackKeyAsync(withDefault: false, withSecret: false);
        var supplier = await hub.CreateSupplierAsync(new { count = 1 });
        using (var response = await noSecret.Client.PostAsJsonAsync($"/api/suppliers/{supplier}/import?{hub.CallbackQuery(noSecret)}", new { mode = "full_sellable" }))
        {
            var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("callback secret", problem.Errors("callback_url"), StringComparison.Ordinal);
        }

        using var key = await hub.CallbackKeyAsync(withDefault: false);
        using (var response = await key.Client.PostAsync($"/api/sync-jobs/{Guid.NewGuid()}/retry?callback_url=ftp%3A%2F%2Fexample.com%2Fx", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // an unknown job is 404 before its callback is looked at
        }

        var done = await hub.SyncAsync(supplier);
        using (var response = await key.Client.PostAsync($"/api/sync-jobs/{done.GetProperty("id").GetGuid()}/retry?callback_url=ftp%3A%2F%2Fexample.com%2Fx", null))
        {
            var problem = await CatalogTestData.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("http or https", problem.Errors("callback_url"), StringComparison.Ordinal);
        }

        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1 AND api_key_id IS NOT NULL", supplier));
    }
}
