using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orleans.Runtime;
using CatalogHub.Grains.Ingest;
using CatalogHub.Harness;
using CatalogHub.SupplierSimulator;
using CatalogHub.SupplierSimulator.Catalog;
using CatalogHub.WebhookReceiver;

namespace CatalogHub.Bench.Faults.Cases;

/// <summary>
/// Silo crash (issue 11, faults 2): kill -9 (<see cref="SiloProcess.Kill"/>) of the silo running (d) a target's outbox
/// dispatcher mid-delivery, (b) an async ingestion job, (a) a supplier sync, (c) a feed import mid-apply; each must end
/// on the surviving silo with every event delivered at least once under its own id, every entry's result and delta
/// once, every product once. The time to resume is kill → the first progress recorded by the survivor.
/// </summary>
public sealed class CrashCases(FaultRun run)
{
    private const string Secret = "faults-crash-secret-0123456789";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public IEnumerable<(string, Func<Task<FaultResult>>)> Cases =>
    [
        ("crash: outbox dispatcher", DispatcherAsync),
        ("crash: ingestion job", IngestJobAsync),
        ("crash: supplier sync", SyncAsync),
        ("crash: feed import", FeedImportAsync),
    ];

    /// <summary>Kills <paramref name="victim"/> and waits until <paramref name="progress"/> moves past its value at the kill; returns the seconds that took.</summary>
    private static async Task<double> KillAndResumeAsync(SiloProcess victim, Func<Task<long>> progress, string what)
    {
        var atKill = await progress();
        var clock = Stopwatch.StartNew();
        victim.Kill();
        await FaultRun.EventuallyAsync(progress, n => n > atKill, Deadline, $"{what} progresses after the kill");
        return clock.Elapsed.TotalSeconds;
    }

    private SiloProcess SiloNamed(string address) =>
        run.Hub.Silos.Single(s => address.Contains($":{s.SiloPort}:", StringComparison.Ordinal) || address.EndsWith($":{s.SiloPort}", StringComparison.Ordinal));

    private async Task<FaultResult> DispatcherAsync()
    {
        var n = run.Options.DispatchEvents;
        var clock = Stopwatch.StartNew();
        var store = "crash-hook";
        var target = $"store:{store}";
        await run.CreateStoresAsync(store);
        await using var receiver = await WebhookReceiverHost.StartAsync(new ReceiverOptions { Secrets = [Secret] });
        receiver.Control.Update(k => k with { LatencyMs = 200 });
        using var viaA = run.Client(run.A);

        // N products while the store has no target: N events wait; setting the target wakes its dispatcher.
        await IngestAsync(viaA, store, n);
        var put = await viaA.CallAsync(HttpMethod.Put, $"/api/v1/admin/stores/{store}/delivery", new { kind = "webhook", url = receiver.Url($"stores/{store}").ToString(), secret = Secret });
        if (!put.Ok)
        {
            throw new InvalidOperationException($"delivery target: {put}");
        }

        await receiver.WaitForAsync(Math.Max(10, n / 20), TimeSpan.FromMinutes(2));
        var silo = await FaultRun.EventuallyAsync(() => DispatcherSiloAsync(viaA, target), s => s is not null, TimeSpan.FromSeconds(30), "the dispatcher's silo");
        var victim = SiloNamed(silo!);
        var inFlight = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'processing'", target);
        var processed = () => run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status = 'processed'", target);
        var atKill = await processed();
        var resume = await KillAndResumeAsync(victim, processed, "delivery");
        await FaultRun.EventuallyAsync(processed, c => c >= n, Deadline, $"all {n} events processed");

        var ids = (await run.ScalarAsync<string>("SELECT string_agg(id::text, ',') FROM outbox_events WHERE target = $1", target)).Split(',').ToHashSet();
        var delivered = receiver.Deliveries.Where(d => d.Status == 200 && d.Verified && d.EventId is not null).Select(d => d.EventId!).ToList();
        var distinct = delivered.ToHashSet();
        var failed = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE target = $1 AND status <> 'processed'", target);
        var lost = ids.Count(id => !distinct.Contains(id));
        var failures = new List<string>();
        if (ids.Count != n || failed != 0 || lost != 0)
        {
            failures.Add($"{ids.Count} events for {n} products, {failed} not processed, {lost} never delivered");
        }

        if (inFlight == 0)
        {
            failures.Add("no delivery was in flight at the kill");
        }

        return new FaultResult
        {
            Case = $"crash: outbox dispatcher mid-delivery ({n:N0} events to a webhook)",
            Guarantee = "every event delivered at least once, same id; none failed",
            Attempted = n,
            Acknowledged = await processed(),
            Lost = lost,
            Duplicated = delivered.Count - distinct.Count,
            ResumeSeconds = resume,
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{atKill} processed and {inFlight} in flight at the kill; duplicates are re-deliveries under the same event id (allowed)",
        };
    }

    private static async Task<string?> DispatcherSiloAsync(HttpClient client, string target)
    {
        var backlog = await client.GetJsonAsync("/api/v1/admin/outbox/targets");
        if (backlog.Body.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var row = backlog.Body.EnumerateArray().FirstOrDefault(t => t.GetProperty("target").GetString() == target);
        return row.ValueKind == JsonValueKind.Object && row.TryGetProperty("dispatcher", out var d) && d.ValueKind == JsonValueKind.Object
            && d.TryGetProperty("silo", out var s) ? s.GetString() : null;
    }

    /// <summary>Ingests products <c>p0…p{n-1}</c> (one SKU each) into <paramref name="store"/> in one request, waiting for its job.</summary>
    private static async Task IngestAsync(HttpClient http, string store, int n, string prefix = "crash")
    {
        var answer = await http.PostJsonAsync($"/api/v1/ingest/products/{store}",
            Http.Entries(Enumerable.Range(0, n).Select(i => ($"p{i}", Http.Product($"{prefix}-{i}", $"{prefix.ToUpperInvariant()}-{i}")))));
        if (answer.Code == 202)
        {
            var job = answer.Str("job_id");
            answer = await FaultRun.EventuallyAsync(() => http.GetJsonAsync($"/api/v1/jobs/{job}"), a => a.Str("status") is "completed" or "completed_with_errors" or "failed", Deadline, $"job {job}");
            if (answer.Str("status") != "completed")
            {
                throw new InvalidOperationException($"arrange: ingestion job {answer}");
            }
        }
        else if (!answer.Ok)
        {
            throw new InvalidOperationException($"arrange: ingestion {answer}");
        }
    }

    private async Task<FaultResult> IngestJobAsync()
    {
        const int skus = 100;
        var entries = run.Options.IngestEntries;
        var clock = Stopwatch.StartNew();
        var store = "crash-ingest";
        await run.CreateStoresAsync(store);
        var victim = run.A;
        using var viaA = run.Client(victim);
        await IngestAsync(viaA, store, skus, "kill");

        // Entry i adds i % 7 + 1 to SKU i % 100: the totals tell a delta applied twice or never.
        var body = JsonSerializer.SerializeToUtf8Bytes(Http.Entries(Enumerable.Range(0, entries).Select(i => ($"d{i}", (object)new { sku = $"KILL-{i % skus}", store, on_hand = i % 7 + 1 }))));
        var accepted = await viaA.PostJsonAsync($"/api/v1/ingest/inventory/{store}", body);
        if (accepted.Code != 202)
        {
            throw new InvalidOperationException($"the job was not accepted: {accepted}");
        }

        // Kill the silo the job's grain is active on (asked of the cluster: PreferLocalPlacement makes it the silo that
        // took the request, unless a keep-alive reminder woke it elsewhere first).
        var job = long.Parse(accepted.Str("job_id")!, CultureInfo.InvariantCulture);
        var cluster = await run.Hub.ClientAsync();
        var address = await cluster.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.GetGrain<IIngestJobGrain>(job));
        victim = address is null ? victim : run.Hub.Silos.Single(s => s.SiloPort == address.Endpoint.Port);
        using var survivor = run.Client(run.Other(victim));
        var checkpoint = () => run.ScalarAsync<int>("SELECT checkpoint FROM ingest_jobs WHERE id = $1", job).ContinueWith(t => (long)t.Result, TaskScheduler.Default);
        var atKill = await FaultRun.EventuallyAsync(checkpoint, c => c >= entries / 20, Deadline, "a twentieth of the entries recorded", TimeSpan.FromMilliseconds(20));
        var failures = new List<string>();
        double? resume = null;
        if (atKill >= entries)
        {
            // On a quiet machine a small job can end before the kill: nothing to resume (a failed check, not a hung run).
            failures.Add("the job finished before the kill");
        }
        else
        {
            resume = await KillAndResumeAsync(victim, checkpoint, "the job");
        }
        var status = await FaultRun.EventuallyAsync(() => survivor.GetJsonAsync($"/api/v1/jobs/{job}"),
            a => a.Str("status") is "completed" or "completed_with_errors" or "failed", Deadline, "the job ends on the survivor");
        var results = await run.ScalarAsync<long>("SELECT count(*) FROM ingest_results WHERE job_id = $1", job);
        var processed = status.Body.GetProperty("summary").GetProperty("processed").GetInt32();
        if (status.Str("status") != "completed" || processed != entries || results != entries)
        {
            failures.Add($"job {status.Str("status")}: {processed} processed, {results} results of {entries}");
        }

        long lost = 0, duplicated = 0;
        await using (var cmd = run.Db.CreateCommand("SELECT v.sku, v.inventory::bigint FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1"))
        {
            cmd.Parameters.AddWithValue($"store:{store}");
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var sku = int.Parse(reader.GetString(0)["KILL-".Length..], CultureInfo.InvariantCulture);
                var expected = Enumerable.Range(0, entries).Where(i => i % skus == sku).Sum(i => (long)(i % 7 + 1));
                var actual = reader.GetInt64(1);
                lost += Math.Max(0, expected - actual);
                duplicated += Math.Max(0, actual - expected);
            }
        }

        if (lost + duplicated > 0)
        {
            failures.Add($"inventory off by {lost} units missing, {duplicated} units extra");
        }

        return new FaultResult
        {
            Case = $"crash: async ingestion job ({entries:N0} inventory deltas)",
            Guarantee = "the job completes on the survivor; one result per entry; every delta once",
            Attempted = entries,
            Acknowledged = processed,
            Lost = lost,
            Duplicated = duplicated + Math.Max(0, results - entries),
            ResumeSeconds = resume,
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{atKill:N0} entries checkpointed at the kill; lost / duplicated in inventory units",
        };
    }

    private async Task<FaultResult> SyncAsync()
    {
        var size = run.Options.SyncProducts;
        var clock = Stopwatch.StartNew();
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions
        {
            Products = size,
            Knobs = new() { LatencyMinMs = 5, LatencyMaxMs = 15 },
        });

        // A full_sellable sync stores the sellable products (the simulator makes ~3 % not sellable).
        var products = size - CatalogSummary.Of(simulator.Control.Catalog).NotSellable.Count;
        using var viaA = run.Client(run.A);
        var supplier = await Suppliers.CreateAsync(viaA, simulator, "crash", concurrency: 8);
        var started = await viaA.PostJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" });
        var job = started.Code == 202 ? Guid.Parse(started.Str("sync_job_id")!) : throw new InvalidOperationException($"import: {started}");
        var stored = () => run.ScalarAsync<int>("SELECT success_count FROM sync_jobs WHERE id = $1", job).ContinueWith(t => (long)t.Result, TaskScheduler.Default);
        var atKill = await FaultRun.EventuallyAsync(stored, c => c >= products / 10, Deadline, "a tenth of the products stored", TimeSpan.FromMilliseconds(20));
        var victim = SiloNamed(await run.ScalarAsync<string>("SELECT running_on FROM sync_jobs WHERE id = $1", job));
        using var survivor = run.Client(run.Other(victim));
        var failures = new List<string>();
        if (atKill >= products)
        {
            failures.Add("the sync finished before the kill");
        }

        var resume = await KillAndResumeAsync(victim, stored, "the sync");
        var finished = await FaultRun.EventuallyAsync(() => survivor.GetJsonAsync($"/api/sync-jobs/{job}"),
            a => a.Str("status") is "success" or "partial_success" or "failed" or "cancelled", Deadline, "the sync ends on the survivor");
        int Count(string name) => finished.Body.GetProperty(name).GetInt32();
        var catalog = $"supplier:{supplier}";
        var rows = await run.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1", catalog);
        var rewritten = await run.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1 AND version > 1", catalog);
        var events = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE catalog = $1", catalog);
        if (finished.Str("status") != "success" || Count("total_products") != products || Count("success_count") != products || Count("failed_count") != 0)
        {
            failures.Add($"job {finished.Str("status")}: total {Count("total_products")}, success {Count("success_count")}, failed {Count("failed_count")}");
        }

        if (rows != products || rewritten != 0 || events != products)
        {
            failures.Add($"{rows} products ({rewritten} written more than once), {events} events, for {products}");
        }

        return new FaultResult
        {
            Case = $"crash: supplier sync ({products:N0} sellable PromoStandards products)",
            Guarantee = "the sync succeeds on the survivor; every product written once, one event each",
            Attempted = products,
            Acknowledged = Count("success_count"),
            Lost = Math.Max(0, products - rows),
            Duplicated = rewritten + Math.Max(0, events - rows),
            ResumeSeconds = resume,
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{atKill:N0} stored at the kill; supplier simulator 5–15 ms a call, 8 in flight",
        };
    }

    private async Task<FaultResult> FeedImportAsync()
    {
        var products = run.Options.FeedProducts;
        var clock = Stopwatch.StartNew();
        var catalog = "store:crash-feed";
        var victim = run.A;
        using var viaA = run.Client(victim);
        using var viaB = run.Client(run.Other(victim));
        using var content = new ByteArrayContent(Feed(products));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        using var response = await viaA.PostAsync($"/api/v1/catalogs/{catalog}/imports?type=full&blockingTimeout=PT0S", content);
        var posted = await Http.ReadAsync(response);
        var id = posted.Code == 202 ? posted.Str("id")! : throw new InvalidOperationException($"import: {posted}");

        // The apply holds the catalog's advisory lock: kill the silo holding it (told by its connections' application_name).
        var holder = await FaultRun.EventuallyAsync(
            () => run.ScalarAsync<string?>("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE 'bench-silo-%' LIMIT 1"),
            n => n is not null, Deadline, "the import applies", TimeSpan.FromMilliseconds(10));
        victim = run.Hub.Silos.Single(s => run.Hub.ApplicationName(s) == holder);
        using var survivor = run.Client(run.Other(victim));
        var failures = new List<string>();
        var attempts = () => run.ScalarAsync<int>("SELECT attempts + CASE WHEN status IN ('SUCCESS', 'FAILURE', 'ABORTED') THEN 1000 ELSE 0 END FROM feed_imports WHERE id = $1", long.Parse(id, CultureInfo.InvariantCulture))
            .ContinueWith(t => (long)t.Result, TaskScheduler.Default);
        var resume = await KillAndResumeAsync(victim, attempts, "the import");
        if (await run.ScalarAsync<string>("SELECT status FROM feed_imports WHERE id = $1", long.Parse(id, CultureInfo.InvariantCulture)) is "SUCCESS" && await attempts() < 1002)
        {
            failures.Add("the import finished before the kill");
        }

        var done = await FaultRun.EventuallyAsync(() => survivor.GetJsonAsync($"/api/v1/imports/{id}"),
            a => a.Str("status") is "SUCCESS" or "FAILURE" or "ABORTED", Deadline, "the import ends on the survivor");
        var created = done.Body.TryGetProperty("summary", out var summary) && summary.ValueKind == JsonValueKind.Object ? summary.GetProperty("created").GetInt32() : 0;
        var rows = await run.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1", catalog);
        var rewritten = await run.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1 AND version > 1", catalog);
        var events = await run.ScalarAsync<long>("SELECT count(*) FROM outbox_events WHERE catalog = $1", catalog);
        // Cleanly re-run (SUCCESS, everything once) or cleanly failed (FAILURE, nothing written: the apply is one transaction).
        var clean = done.Str("status") switch
        {
            "SUCCESS" => created == products && rows == products && rewritten == 0 && events == products,
            "FAILURE" => rows == 0 && events == 0,
            _ => false,
        };
        if (!clean)
        {
            failures.Add($"import {done.Str("status")}: created {created}, {rows} products ({rewritten} written more than once), {events} events, for {products}");
        }

        return new FaultResult
        {
            Case = $"crash: feed import mid-apply ({products:N0} products × 3 variants, full)",
            Guarantee = "re-run on the survivor (or cleanly failed); every product once",
            Attempted = products,
            Acknowledged = created,
            Lost = done.Str("status") == "SUCCESS" ? Math.Max(0, products - rows) : 0,
            Duplicated = rewritten + Math.Max(0, events - rows),
            ResumeSeconds = resume,
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{done.Str("status")} after {await run.ScalarAsync<int>("SELECT attempts FROM feed_imports WHERE id = $1", long.Parse(id, CultureInfo.InvariantCulture))} attempts; resume = kill → the survivor's next attempt",
        };
    }

    private static byte[] Feed(int n)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            for (var i = 0; i < n; i++)
            {
                writer.Write(JsonSerializer.Serialize(new
                {
                    key = $"feed-{i:D6}",
                    name = $"Feed product {i}",
                    brand = $"Brand {i % 20}",
                    variants = Enumerable.Range(0, 3).Select(v => new { sku = $"CF{i:D6}-{v}", size = $"S{v}", price = 10m + v, stock = (i + v) % 30 }),
                }));
                writer.Write('\n');
            }
        }

        return output.ToArray();
    }
}
