using System.Net;
using System.Text.Json;
using CatalogHub.IntegrationTests.Imports;

namespace CatalogHub.IntegrationTests.Outbox.Callbacks;

/// <summary>Feed imports call back when they end: SUCCESS, FAILURE or ABORTED.</summary>
public sealed class FeedImportCallbackTests(CallbackTestHub hub) : IClassFixture<CallbackTestHub>
{
    [Fact]
    public async Task AnImportWithACallbackUrlPostsOneSignedCallbackWhoseJobIsTheImportsGetBody()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var (status, answer) = await key.Client.ImportAsync(
            FeedTestData.NewCatalog(), $"type=full&blockingTimeout=PT30S&{hub.CallbackQuery(key)}", FeedTestData.Ndjson([FeedTestData.Product("tee")]));
        Assert.True(status == 200, answer.ToString());
        var id = answer.GetProperty("id").GetString()!;

        var delivery = await hub.SingleCallbackAsync(key);
        CallbackTestData.AssertCallback(delivery, "feed_import.completed", await key.Client.GetOkAsync($"/api/v1/imports/{id}"));
    }

    [Fact]
    public async Task AFailedImportCallsBackToTheKeysDefault()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        var (status, answer) = await key.Client.ImportAsync(FeedTestData.NewCatalog(), "type=full&blockingTimeout=PT30S", "{not json\n"u8.ToArray());
        Assert.True(status == 400, answer.ToString());
        var id = answer.GetProperty("id").GetString()!;

        var delivery = await hub.SingleCallbackAsync(key);
        CallbackTestData.AssertCallback(delivery, "feed_import.completed", await key.Client.GetOkAsync($"/api/v1/imports/{id}"));
        Assert.Equal("FAILURE", JsonDocument.Parse(delivery.Body).RootElement.GetProperty("job").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACancelledWaitingImportCallsBackAborted()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: true);
        using var admin = hub.Client();
        var catalog = FeedTestData.NewCatalog();
        var gate = hub.Faults.Hold("locked");
        try
        {
            var (_, running) = await admin.ImportAsync(catalog, "type=full&blockingTimeout=PT0S", FeedTestData.Ndjson([FeedTestData.Product("a")]));
            await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var (_, waiting) = await key.Client.ImportAsync(catalog, "type=partial&blockingTimeout=PT0S", FeedTestData.Ndjson([FeedTestData.Product("b")]));
            var id = waiting.GetProperty("id").GetString()!;
            using (var cancel = await key.Client.DeleteAsync($"/api/v1/imports/{id}"))
            {
                Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            }

            var delivery = await hub.SingleCallbackAsync(key);
            CallbackTestData.AssertCallback(delivery, "feed_import.completed", await key.Client.GetOkAsync($"/api/v1/imports/{id}"));
            Assert.Equal("ABORTED", JsonDocument.Parse(delivery.Body).RootElement.GetProperty("job").GetProperty("status").GetString());
            gate.Open.SetResult();
            await admin.UntilFinishedAsync(running.GetProperty("id").GetString()!);
        }
        finally
        {
            gate.Open.TrySetResult();
            hub.Faults.Set(null);
        }
    }

    [Fact]
    public async Task WithNeitherACallbackUrlNorADefaultNoCallbackIsWritten()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var (status, _) = await key.Client.ImportAsync(FeedTestData.NewCatalog(), "type=full&blockingTimeout=PT30S", FeedTestData.Ndjson([FeedTestData.Product("tee")]));
        Assert.Equal(200, status);
        Assert.Equal(0, await hub.CallbackCountAsync(key.Id));
    }

    [Fact]
    public async Task ACallbackUrlIsRefusedWithTheContracts422WhenItIsNotAnHttpUrl()
    {
        using var key = await hub.CallbackKeyAsync(withDefault: false);
        var catalog = FeedTestData.NewCatalog();
        var (status, answer) = await key.Client.ImportAsync(catalog, "type=full&callback_url=not-a-url", FeedTestData.Ndjson([FeedTestData.Product("tee")]));
        Assert.Equal(422, status);
        var error = Assert.Single(answer.GetProperty("validation_errors").EnumerateArray());
        Assert.Equal("callback_url", error.GetProperty("field").GetString());
        Assert.Equal(0, await hub.ScalarAsync<long>("SELECT count(*) FROM feed_imports WHERE catalog = $1", catalog));
    }
}
