using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Auth;
using CatalogHub.TestAdapter;

namespace CatalogHub.IntegrationTests.Suppliers;

/// <summary>
/// Sync jobs on two silo processes. The processes load the scripted adapter through Hub:AdapterAssemblies
/// (the Hub.TestAdapter assembly) and write its calls to a log file the test reads.
/// </summary>
public class SyncClusterTests
{
    private readonly string _adminKey = ApiKeySecret.Generate();
    private readonly string _log = Path.Combine(Path.GetTempPath(), $"scripted-{Guid.NewGuid():N}.log");

    private Dictionary<string, string?> Environment(string db) => new()
    {
        ["ConnectionStrings__Hub"] = db,
        ["Hub__ClusterId"] = $"sync-{Guid.NewGuid():N}"[..20],
        ["Hub__BootstrapAdminKey"] = _adminKey,
        ["Hub__AdapterAssemblies__0"] = typeof(ScriptedAdapterFactory).Assembly.Location,
        ["Hub__Reminders__MinimumPeriod"] = "00:00:01",
        ["Hub__SyncJobs__KeepAlivePeriod"] = "00:00:03",
        ["Hub__SyncJobs__CheckpointInterval"] = "00:00:00.100",
    };

    private static Task<T> ScalarAsync<T>(string db, string sql, params object[] args) => Sql.ScalarAsync<T>(db, sql, args);

    private static async Task<Guid> CreateSupplierAsync(HttpClient client, object settings, int concurrency)
    {
        using var response = await client.PostAsJsonAsync("/api/suppliers", new { name = "Cluster", adapter = "scripted", adapter_config = settings, hydrate_concurrency = concurrency });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task TwoHundredConcurrentImportsOfOneModeOverTwoSilosStartExactlyOneJob()
    {
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db), _adminKey);
        var (a, b, viaA, viaB) = pair;
        var supplier = await CreateSupplierAsync(viaA, new { count = 50, latency_ms = 200 }, concurrency: 1);

        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, 200).Select(async i =>
        {
            await start.WaitAsync();
            using var response = await (i % 2 == 0 ? viaA : viaB).PostAsJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, Job: body.TryGetProperty("sync_job_id", out var id) ? id.GetGuid() : Guid.Empty);
        }).ToList();
        start.Release(200);
        var results = await Task.WhenAll(requests);

        var accepted = Assert.Single(results, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(results.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal((HttpStatusCode.Conflict, accepted.Job), r));
        Assert.Equal(1L, await ScalarAsync<long>(db, "SELECT count(*) FROM sync_jobs WHERE supplier_id = $1", supplier));
        using var cancel = await viaB.PostAsync($"/api/sync-jobs/{accepted.Job}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
    }

    [Fact]
    public async Task KillingTheSiloRunningAJobResumesItOnTheOtherWithEveryProductStoredOnce()
    {
        const int products = 2000;
        var db = await (await TestPostgres.InstanceAsync()).CreateMigratedDatabaseAsync();
        await using var pair = await SiloPair.StartAsync(Environment(db), _adminKey);
        var (a, b, viaA, viaB) = pair;
        var supplier = await CreateSupplierAsync(viaA, new { count = products, latency_ms = 25, log_file = _log }, concurrency: 8);
        using var started = await viaA.PostAsJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
        var job = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_job_id").GetGuid();

        await HubClients.EventuallyAsync(
            () => ScalarAsync<int>(db, "SELECT success_count FROM sync_jobs WHERE id = $1", job), n => n >= 300, TimeSpan.FromSeconds(60), "300 products stored");
        var runningOn = await ScalarAsync<string>(db, "SELECT running_on FROM sync_jobs WHERE id = $1", job);
        var (victim, survivor, client) = runningOn.Contains($":{a.SiloPort}:", StringComparison.Ordinal) ? (a, b, viaB) : (b, a, viaA);
        Assert.Contains($":{victim.SiloPort}:", runningOn, StringComparison.Ordinal);
        victim.Kill();
        var storedAtKill = await ScalarAsync<int>(db, "SELECT success_count FROM sync_jobs WHERE id = $1", job);
        Assert.True(storedAtKill < products, "the job finished before the kill; make it slower");

        // The supplier grain's state survived too: the running job still blocks its mode.
        var conflict = await HubClients.EventuallyAsync(async () =>
        {
            using var again = await client.PostAsJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
            return again.StatusCode == HttpStatusCode.Conflict ? (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sync_job_id").GetGuid() : Guid.Empty;
        }, id => id != Guid.Empty, TimeSpan.FromSeconds(90), "the survivor answers 409 for the running job");
        Assert.Equal(job, conflict);

        var finished = await HubClients.EventuallyAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/sync-jobs/{job}"),
            j => j.GetProperty("status").GetString() is "success" or "partial_success" or "failed", TimeSpan.FromSeconds(180), "the job finishes on the survivor");

        Assert.Equal("success", finished.GetProperty("status").GetString());
        Assert.Equal((products, products, 0), (finished.GetProperty("total_products").GetInt32(), finished.GetProperty("success_count").GetInt32(), finished.GetProperty("failed_count").GetInt32()));
        Assert.Contains($":{survivor.SiloPort}:", await ScalarAsync<string>(db, "SELECT running_on FROM sync_jobs WHERE id = $1", job), StringComparison.Ordinal);
        var catalog = $"supplier:{supplier}";
        Assert.Equal((long)products, await ScalarAsync<long>(db, "SELECT count(*) FROM products WHERE catalog = $1 AND version = 1", catalog));
        Assert.Equal((long)products, await ScalarAsync<long>(db, "SELECT count(*) FROM outbox_events WHERE catalog = $1", catalog));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM sync_jobs WHERE status IN ('pending', 'running')"));
        Assert.Equal(0L, await ScalarAsync<long>(db, "SELECT count(*) FROM sync_job_refs WHERE job_id = $1 AND state <> 'done'", job));

        // Only products in flight or not yet checkpointed at the kill were hydrated again; none was skipped.
        var hydrated = ScriptedLog.ReadFile(_log).Where(c => c.Kind == "hydrate").GroupBy(c => c.Sku).ToList();
        Assert.Equal(products, hydrated.Count);
        Assert.InRange(hydrated.Count(g => g.Count() > 1), 0, 150);
        File.Delete(_log);
    }
}
