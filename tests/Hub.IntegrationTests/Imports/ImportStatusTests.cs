using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Grains.Imports;
using Microsoft.Extensions.DependencyInjection;

namespace CatalogHub.IntegrationTests.Imports;

/// <summary>Statuses and codes: blockingTimeout and 202, queue positions, cancel, disconnect, the stored feed, expiry, bad requests.</summary>
public class ImportStatusTests(ImportHub hub) : IClassFixture<ImportHub>
{
    private readonly HttpClient _client = hub.Client();

    [Fact]
    public async Task PastItsBlockingTimeoutAnImportAnswers202AndPollingReachesSuccess()
    {
        var catalog = FeedTestData.NewCatalog();
        var gate = hub.Faults.Hold("validated");
        try
        {
            var first = _client.ImportAsync(catalog, "type=full&blockingTimeout=PT0S", FeedTestData.Ndjson([FeedTestData.Product("a")]));
            await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var (status, running) = await first;
            Assert.Equal(202, status);
            Assert.Contains(running.GetProperty("status").GetString(), new[] { "WAITING", "IN_PROGRESS" });
            Assert.Equal("IN_PROGRESS", (await _client.GetStatusAsync($"/api/v1/imports/{running.GetProperty("id").GetString()}")).Json.GetProperty("status").GetString());

            var (waitingStatus, waiting) = await _client.ImportAsync(catalog, "type=partial&blockingTimeout=PT0.2S", FeedTestData.Ndjson([FeedTestData.Product("b")]));
            Assert.Equal(202, waitingStatus);
            Assert.Equal("WAITING", waiting.GetProperty("status").GetString());
            Assert.Equal(1, waiting.GetProperty("queue_position").GetInt32());

            var (_, list) = await _client.GetStatusAsync($"/api/v1/catalogs/{catalog}/imports");
            Assert.Equal([running.GetProperty("id").GetString(), waiting.GetProperty("id").GetString()],
                list.GetProperty("queue").EnumerateArray().Select(i => i.GetProperty("id").GetString()));

            gate.Open.SetResult();
            Assert.Equal("SUCCESS", (await _client.UntilFinishedAsync(running.GetProperty("id").GetString()!)).GetProperty("status").GetString());
            var done = await _client.UntilFinishedAsync(waiting.GetProperty("id").GetString()!);
            Assert.Equal("SUCCESS", done.GetProperty("status").GetString());
            Assert.Equal(1, done.Summary("created"));
            var (_, history) = await _client.GetStatusAsync($"/api/v1/catalogs/{catalog}/imports");
            Assert.Empty(history.GetProperty("queue").EnumerateArray());
            Assert.Equal(2, history.GetProperty("history").GetArrayLength());
        }
        finally
        {
            gate.Open.TrySetResult();
            hub.Faults.Set(null);
        }
    }

    [Fact]
    public async Task AWaitingImportCanBeCancelledAndAClientThatLeavesAbortsItsWaitingImport()
    {
        var catalog = FeedTestData.NewCatalog();
        var gate = hub.Faults.Hold("locked");
        try
        {
            var (_, running) = await _client.ImportAsync(catalog, "type=full&blockingTimeout=PT0S", FeedTestData.Ndjson([FeedTestData.Product("a")]));
            await gate.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            var (_, waiting) = await _client.ImportAsync(catalog, "type=partial&blockingTimeout=PT0S", FeedTestData.Ndjson([FeedTestData.Product("b")]));
            var waitingId = waiting.GetProperty("id").GetString()!;

            using var cancel = await _client.DeleteAsync($"/api/v1/imports/{waitingId}");
            Assert.Equal(200, (int)cancel.StatusCode);
            Assert.Equal("ABORTED", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            using var runningCancel = await _client.DeleteAsync($"/api/v1/imports/{running.GetProperty("id").GetString()}");
            Assert.Equal(409, (int)runningCancel.StatusCode);

            using var leaving = new CancellationTokenSource();
            var posted = _client.ImportAsync(catalog, "type=partial&blockingTimeout=PT5M", FeedTestData.Ndjson([FeedTestData.Product("c")]), ct: leaving.Token);
            var leftId = await HubClients.EventuallyAsync(
                () => Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT coalesce(max(id), 0) FROM feed_imports WHERE catalog = $1 AND status = 'WAITING'", catalog),
                id => id > 0, TimeSpan.FromSeconds(30), "third import stored");
            await leaving.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => posted);

            var aborted = await _client.UntilFinishedAsync(leftId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("ABORTED", aborted.GetProperty("status").GetString());
            gate.Open.SetResult();
            await _client.UntilFinishedAsync(running.GetProperty("id").GetString()!);
            Assert.Equal(["a"], await KeysAsync(catalog));
        }
        finally
        {
            gate.Open.TrySetResult();
            hub.Faults.Set(null);
        }
    }

    [Fact]
    public async Task TheFeedOfAFailedImportIsKeptAsSentAndOthersAreNot()
    {
        var catalog = FeedTestData.NewCatalog();
        var body = FeedTestData.Ndjson([new { key = "x" }]);
        var (status, failed) = await _client.ImportAsync(catalog, "type=full", body, gzip: true);
        Assert.Equal(400, status);

        using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = hub.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = new("Bearer", hub.AdminKey);
        using var feed = await raw.GetAsync($"/api/v1/imports/{failed.GetProperty("id").GetString()}/feed");
        Assert.Equal(200, (int)feed.StatusCode);
        Assert.Equal("gzip", Assert.Single(feed.Content.Headers.ContentEncoding));
        Assert.Equal(body, new System.IO.Compression.GZipStream(await feed.Content.ReadAsStreamAsync(), System.IO.Compression.CompressionMode.Decompress).ReadAllBytes());

        var (_, ok) = await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson([FeedTestData.Product("a")]));
        using var none = await _client.GetAsync($"/api/v1/imports/{ok.GetProperty("id").GetString()}/feed");
        Assert.Equal(404, (int)none.StatusCode);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM feed_import_parts WHERE import_id = $1", long.Parse(ok.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task ImportsAreKeptSevenDaysThenNotFoundAndPurged()
    {
        var catalog = FeedTestData.NewCatalog();
        var (_, done) = await _client.ImportAsync(catalog, "type=full", FeedTestData.Ndjson([FeedTestData.Product("a")]));
        var id = done.GetProperty("id").GetString()!;

        hub.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(200, (await _client.GetStatusAsync($"/api/v1/imports/{id}")).Status);

        hub.Clock.Advance(TimeSpan.FromMinutes(2));
        var (gone, json) = await _client.GetStatusAsync($"/api/v1/imports/{id}");
        Assert.Equal(404, gone);
        Assert.Equal("NOT_FOUND", json.GetProperty("status").GetString());

        Assert.True(await hub.Services.GetRequiredService<IGrainFactory>().GetGrain<IImportPurgeGrain>(0).PurgeAsync() >= 1);
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM feed_imports WHERE id = $1", long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)));
        await HubClients.EventuallyAsync(
            () => Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'import-purge'"),
            n => n == 1, TimeSpan.FromSeconds(30), "import purge reminder registered");
    }

    [Fact]
    public async Task BadRequestsAreRefusedBeforeAnythingIsStored()
    {
        var body = FeedTestData.Ndjson([FeedTestData.Product("a")]);
        var (bad, errors) = await _client.ImportAsync("store:x", "type=everything&blockingTimeout=PT10M&force=maybe", body);
        Assert.Equal(422, bad);
        Assert.Equal(["blockingTimeout", "force", "type"], errors.GetProperty("validation_errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()!).Order());

        using var xml = await _client.PostAsync("/api/v1/catalogs/store:x/imports?type=full", new StringContent("<a/>", System.Text.Encoding.UTF8, "application/xml"));
        Assert.Equal(415, (int)xml.StatusCode);
        Assert.Equal(404, (await _client.GetStatusAsync("/api/v1/imports/999999999")).Status);
        Assert.Equal("NOT_FOUND", (await _client.GetStatusAsync("/api/v1/imports/abc")).Json.GetProperty("status").GetString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(hub.ConnectionString, "SELECT count(*) FROM feed_imports WHERE catalog = 'store:x'"));
    }

    private async Task<List<string>> KeysAsync(string catalog)
    {
        await using var db = Npgsql.NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = db.CreateCommand("SELECT key FROM products WHERE catalog = $1 ORDER BY key");
        cmd.Parameters.AddWithValue(catalog);
        var keys = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            keys.Add(r.GetString(0));
        }

        return keys;
    }
}

internal static class StreamExtensions
{
    public static byte[] ReadAllBytes(this Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
