using System.Net;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.IntegrationTests.Infrastructure;

namespace CatalogHub.IntegrationTests.Ingest;

/// <summary>The ingestion API on two silo processes: idempotency races and a crash in the middle of a job, async or not.</summary>
public class IngestClusterTests
{
    private readonly string _adminKey = ApiKeySecret.Generate();

    private Dictionary<string, string?> Environment(string db, int chunkSize = 500, int syncMaxEntries = 100) => new()
    {
        ["Hub__Ingest__SyncMaxEntries"] = syncMaxEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ConnectionStrings__Hub"] = db,
        ["Hub__ClusterId"] = $"ingest-{Guid.NewGuid():N}"[..20],
        ["Hub__BootstrapAdminKey"] = _adminKey,
        ["Hub__Reminders__MinimumPeriod"] = "00:00:01",
        ["Hub__Ingest__KeepAlivePeriod"] = "00:00:03",
        ["Hub__Ingest__ChunkSize"] = chunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // The tests poll job status many times a minute: lift the per-key request budget (the limits have tests of their own).
        ["Hub__Ingest__Limits__RequestsPerMinute"] = "100000",
        ["Hub__Ingest__Limits__EntriesPerMinute"] = "10000000",
    };

    [Fact]
    public async Task ConcurrentDuplicatesOverTwoSilosCreateOneJob()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db), _adminKey);
        var store = await IngestTestData.CreateStoreAsync(db);
        var asyncBody = IngestTestData.Body(Enumerable.Range(0, 150).Select(i => ($"e{i}", IngestTestData.Product($"Race {i}", $"RACE-{i}"))), idempotencyKey: "race-async");
        var syncBody = IngestTestData.Body([("s", IngestTestData.Product("Race Sync", "RS-1"))], idempotencyKey: "race-sync");

        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 40).Select(async i =>
        {
            await start.WaitAsync();
            var client = i % 2 == 0 ? pair.ViaA : pair.ViaB;
            var (response, json) = await client.PostAsync($"/api/v1/ingest/products/{store}", i % 4 < 2 ? asyncBody : syncBody);
            return (Async: i % 4 < 2, response.StatusCode, Job: json.ValueKind == JsonValueKind.Object && json.TryGetProperty("job_id", out var id) ? id.GetString() : null);
        }).ToList();
        start.Release(40);
        var results = await Task.WhenAll(requests);

        Assert.All(results.Where(r => r.Async), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(results.Where(r => r.Async).Select(r => r.Job).Distinct());
        Assert.All(results.Where(r => !r.Async), r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Single(results.Where(r => !r.Async && r.StatusCode == HttpStatusCode.OK).Select(r => r.Job).Distinct());
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM ingest_jobs WHERE idempotency_key = 'race-async'"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM ingest_jobs WHERE idempotency_key = 'race-sync'"));
    }

    [Fact]
    public async Task KillingTheSiloRunningAnAsyncJobStillGivesOneResultPerEntryAndEveryDeltaOnce()
    {
        const int skus = 40;
        const int entries = 4000;
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db, chunkSize: 40), _adminKey);
        var (a, b, viaA, viaB) = pair;
        var store = await IngestTestData.CreateStoreAsync(db);
        var (created, _) = await viaA.PostAsync($"/api/v1/ingest/products/{store}",
            IngestTestData.Body(Enumerable.Range(0, skus).Select(i => ($"p{i}", IngestTestData.Product($"Kill {i}", $"KILL-{i}")))));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        // Entry i adds i % 7 + 1 to SKU i % 40: the totals tell a delta applied twice or never.
        var deltas = Enumerable.Range(0, entries).Select(i => ($"d{i}", (object)new { sku = $"KILL-{i % skus}", store, on_hand = (i % 7) + 1 })).ToList();
        var (accepted, json) = await viaA.PostAsync($"/api/v1/ingest/inventory/{store}", IngestTestData.Body(deltas));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var jobId = long.Parse(json.GetProperty("job_id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        await HubClients.EventuallyAsync(() => Sql.ScalarAsync<int>(db, "SELECT checkpoint FROM ingest_jobs WHERE id = $1", jobId), n => n >= 400, TimeSpan.FromSeconds(60), "400 entries recorded");
        Assert.True(await Sql.ScalarAsync<int>(db, "SELECT checkpoint FROM ingest_jobs WHERE id = $1", jobId) < entries, "the job finished before the kill; make it longer");
        a.Kill();

        var status = await HubClients.EventuallyAsync(() => viaB.GetJsonAsync($"/api/v1/jobs/{jobId}"),
            s => s.GetProperty("status").GetString() is "completed" or "completed_with_errors" or "failed", TimeSpan.FromSeconds(180), "job finished on the surviving silo");
        Assert.Equal("completed", status.GetProperty("status").GetString());
        Assert.Equal(entries, status.GetProperty("summary").GetProperty("processed").GetInt32());
        Assert.Equal((long)entries, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM ingest_results WHERE job_id = $1", jobId));
        await AssertEveryDeltaOnceAsync(db, store, "KILL-", skus, entries);
    }

    [Fact]
    public async Task ARetryOfASynchronousBatchWhoseSiloDiedFinishesItWithEveryDeltaOnce()
    {
        const int skus = 40;
        const int entries = 4000;
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        // Batches up to 5,000 entries are answered inline here, so one runs long enough to be killed in the middle.
        await using var pair = await SiloPair.StartAsync(Environment(db, chunkSize: 40, syncMaxEntries: 5000), _adminKey);
        var (a, b, viaA, _) = pair;
        var store = await IngestTestData.CreateStoreAsync(db);
        var (created, _) = await viaA.PostAsync($"/api/v1/ingest/products/{store}",
            IngestTestData.Body(Enumerable.Range(0, skus).Select(i => ($"p{i}", IngestTestData.Product($"Sync kill {i}", $"SK-{i}")))));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);

        // Entry i adds i % 7 + 1 to SKU i % 40: the totals tell a delta applied twice or never.
        var body = IngestTestData.Body(
            Enumerable.Range(0, entries).Select(i => ($"d{i}", (object)new { sku = $"SK-{i % skus}", store, on_hand = (i % 7) + 1 })), idempotencyKey: "sync-kill");
        var first = viaA.PostAsync($"/api/v1/ingest/inventory/{store}", body);
        var jobId = await HubClients.EventuallyAsync(
            () => Sql.ScalarAsync<long?>(db, "SELECT id FROM ingest_jobs WHERE idempotency_key = 'sync-kill' AND checkpoint >= 400"), id => id is not null,
            TimeSpan.FromSeconds(60), "400 entries of the synchronous batch recorded");
        Assert.True(await Sql.ScalarAsync<int>(db, "SELECT checkpoint FROM ingest_jobs WHERE id = $1", jobId!.Value) < entries, "the batch finished before the kill; make it longer");
        a.Kill();
        await Assert.ThrowsAnyAsync<Exception>(() => first); // the client lost its answer with the silo

        // The client repeats its request on the other silo: 409 while the cluster still counts the dead silo's run as
        // running, then the batch is finished and answered whole.
        using var retrying = HubClients.For(b.BaseAddress, _adminKey);
        retrying.Timeout = TimeSpan.FromSeconds(90);
        var statuses = new List<HttpStatusCode>();
        var answer = await HubClients.EventuallyAsync(async () =>
        {
            var (response, json) = await retrying.PostAsync($"/api/v1/ingest/inventory/{store}", body);
            statuses.Add(response.StatusCode);
            return (response.StatusCode, json);
        }, r => r.StatusCode != HttpStatusCode.Conflict, TimeSpan.FromSeconds(180), "the repeated batch answered");

        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode}: {answer.json}");
        Assert.All(statuses, s => Assert.Contains(s, new[] { HttpStatusCode.Conflict, HttpStatusCode.OK }));
        Assert.Equal(jobId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.json.GetProperty("job_id").GetString());
        Assert.Equal(entries, answer.json.GetProperty("results").GetArrayLength());
        Assert.Equal(entries, answer.json.GetProperty("summary").GetProperty("processed").GetInt32());
        Assert.Equal(("completed", 1L), (
            await Sql.ScalarAsync<string>(db, "SELECT status FROM ingest_jobs WHERE id = $1", jobId.Value),
            await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM ingest_jobs WHERE idempotency_key = 'sync-kill'")));
        Assert.Equal((long)entries, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM ingest_results WHERE job_id = $1", jobId.Value));
        await AssertEveryDeltaOnceAsync(db, store, "SK-", skus, entries);

        // Settled: a further repeat replays the same answer.
        var (replayed, again) = await retrying.PostAsync($"/api/v1/ingest/inventory/{store}", body);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(answer.json.GetProperty("job_id").GetString(), again.GetProperty("job_id").GetString());
    }

    /// <summary>Entry i added i % 7 + 1 to the SKU <paramref name="prefix"/>{i % skus}: each total tells a delta applied twice or never.</summary>
    private static async Task AssertEveryDeltaOnceAsync(string db, string store, string prefix, int skus, int entries)
    {
        for (var sku = 0; sku < skus; sku++)
        {
            var expected = Enumerable.Range(0, entries).Where(i => i % skus == sku).Sum(i => (i % 7) + 1);
            Assert.Equal((long)expected, await Sql.ScalarAsync<long>(db,
                "SELECT v.inventory FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1 AND v.sku = $2", $"store:{store}", $"{prefix}{sku}"));
        }
    }
}
