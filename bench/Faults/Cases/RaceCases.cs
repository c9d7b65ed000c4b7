using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CatalogHub.SupplierSimulator;

namespace CatalogHub.Bench.Faults.Cases;

/// <summary>
/// Races (issue 11, faults 1), every request released at once over both silos: 200 same-mode imports of one supplier
/// (exactly one 202, the rest 409 naming that job); 200 async ingestion requests with one idempotency key (one job,
/// every entry once); 50 writers of inventory deltas to one product (the exact sum).
/// </summary>
public sealed class RaceCases(FaultRun run)
{
    public IEnumerable<(string, Func<Task<FaultResult>>)> Cases =>
    [
        ("races: supplier imports", SupplierImportsAsync),
        ("races: idempotency key", IdempotencyAsync),
        ("races: inventory deltas", DeltasAsync),
    ];

    /// <summary>Fires <paramref name="count"/> requests released together, alternating the silos.</summary>
    private async Task<Answer[]> AtOnceAsync(int count, Func<HttpClient, int, Task<Answer>> send)
    {
        using var viaA = run.Client(run.A, connections: count);
        using var viaB = run.Client(run.B, connections: count);
        using var start = new SemaphoreSlim(0);
        var requests = Enumerable.Range(0, count).Select(async i =>
        {
            await start.WaitAsync();
            return await send(i % 2 == 0 ? viaA : viaB, i);
        }).ToList();
        start.Release(count);
        return await Task.WhenAll(requests);
    }

    private async Task<FaultResult> SupplierImportsAsync()
    {
        var clock = Stopwatch.StartNew();
        // A slow supplier (200 ms a call, one at a time) keeps the one job running while the others arrive.
        await using var simulator = await SupplierSimulatorHost.StartAsync(new SimulatorOptions
        {
            Products = 50,
            Knobs = new() { LatencyMinMs = 200, LatencyMaxMs = 200 },
        });
        using var admin = run.Client(run.A);
        var supplier = await Suppliers.CreateAsync(admin, simulator, "race", concurrency: 1);
        var answers = await AtOnceAsync(200, (http, _) => http.PostJsonAsync($"/api/suppliers/{supplier}/import", new { mode = "full_sellable" }));

        var accepted = answers.Where(a => a.Code == 202).ToList();
        var jobs = await run.ScalarAsync<long>("SELECT count(*) FROM sync_jobs WHERE supplier_id = $1", supplier);
        var failures = new List<string>();
        if (accepted.Count != 1)
        {
            failures.Add($"{accepted.Count} answers 202 (expected exactly 1)");
        }

        var job = accepted.FirstOrDefault()?.Str("sync_job_id");
        var others = answers.Where(a => a.Code != 202).ToList();
        var wrong = others.Count(a => a.Code != 409 || a.Str("sync_job_id") != job);
        if (wrong > 0)
        {
            failures.Add($"{wrong} answers neither 202 nor 409 naming the accepted job (first: {others.First(a => a.Code != 409 || a.Str("sync_job_id") != job)})");
        }

        if (jobs != 1)
        {
            failures.Add($"{jobs} sync_jobs rows (expected 1)");
        }

        if (job is not null)
        {
            var cancel = await admin.PostJsonAsync($"/api/sync-jobs/{job}/cancel", null);
            if (!cancel.Ok)
            {
                failures.Add($"cancel answered {cancel}");
            }
        }

        return new FaultResult
        {
            Case = "races: 200 same-mode supplier imports over two silos",
            Guarantee = "exactly one 202, the rest 409 naming it; one job",
            Attempted = answers.Length,
            Acknowledged = accepted.Count,
            Duplicated = Math.Max(0, jobs - 1),
            Errors5xx = answers.Count(a => a.Code >= 500),
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{others.Count(a => a.Code == 409)} × 409",
        };
    }

    private async Task<FaultResult> IdempotencyAsync()
    {
        const int entries = 150;
        var clock = Stopwatch.StartNew();
        var store = "race-idem";
        await run.CreateStoresAsync(store);
        var key = $"race-{Guid.NewGuid():N}";
        // More than 100 entries: the request is an async job (202 + job id), replayed by every duplicate.
        var body = JsonSerializer.SerializeToUtf8Bytes(Http.Entries(
            Enumerable.Range(0, entries).Select(i => ($"e{i}", Http.Product($"idem-{i}", $"IDEM-{i}"))), idempotencyKey: key));
        var answers = await AtOnceAsync(200, (http, _) => http.PostJsonAsync($"/api/v1/ingest/products/{store}", body));

        var acknowledged = answers.Where(a => a.Ok).ToList();
        var jobIds = acknowledged.Select(a => a.Str("job_id")).Distinct().ToList();
        var failures = new List<string>();
        var rows = await run.ScalarAsync<long>("SELECT count(*) FROM ingest_jobs WHERE idempotency_key = $1", key);
        if (rows != 1)
        {
            failures.Add($"{rows} ingest_jobs rows with the key (expected 1)");
        }

        if (jobIds.Count != 1)
        {
            failures.Add($"the 2xx answers name {jobIds.Count} jobs (expected 1)");
        }

        // 409 (the same key still being accepted elsewhere) is an honest answer; anything else is not.
        var unexpected = answers.Where(a => !a.Ok && a.Code != 409).ToList();
        if (unexpected.Count > 0)
        {
            failures.Add($"{unexpected.Count} answers neither 2xx nor 409 (first: {unexpected[0]})");
        }

        long results = 0;
        if (jobIds.Count == 1 && jobIds[0] is { } job)
        {
            using var http = run.Client(run.A);
            await FaultRun.EventuallyAsync(() => http.GetJsonAsync($"/api/v1/jobs/{job}"),
                a => a.Str("status") is "completed" or "completed_with_errors" or "failed", TimeSpan.FromMinutes(2), $"job {job} finishes");
            results = await run.ScalarAsync<long>("SELECT count(*) FROM ingest_results WHERE job_id = $1", long.Parse(job, System.Globalization.CultureInfo.InvariantCulture));
        }

        var products = await run.ScalarAsync<long>("SELECT count(*) FROM products WHERE catalog = $1", $"store:{store}");
        if (results != entries || products != entries)
        {
            failures.Add($"{results} results and {products} products for {entries} entries");
        }

        return new FaultResult
        {
            Case = "races: 200 async ingestion requests with one idempotency key",
            Guarantee = "one job; every entry once",
            Attempted = answers.Length,
            Acknowledged = acknowledged.Count,
            Lost = Math.Max(0, entries - products),
            Duplicated = Math.Max(0, rows - 1) + Math.Max(0, results - entries),
            Errors5xx = answers.Count(a => a.Code >= 500),
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"{acknowledged.Count(a => a.Code == 202)} × 202, {answers.Count(a => a.Code == 409)} × 409; {entries} entries per request",
        };
    }

    private async Task<FaultResult> DeltasAsync()
    {
        const int writers = 50;
        var each = run.Options.Quick ? 4 : 20;
        var clock = Stopwatch.StartNew();
        var store = "race-delta";
        await run.CreateStoresAsync(store);
        using var admin = run.Client(run.A);
        var created = await admin.PostJsonAsync($"/api/v1/ingest/products/{store}", Http.Entries([("p", Http.Product("race-delta", "RACE-DELTA"))]));
        var initial = await admin.PostJsonAsync($"/api/v1/ingest/inventory/{store}", Http.Entries([("i", new { sku = "RACE-DELTA", store, on_hand = 0 })], new { mode = "initial" }));
        if (!created.Ok || !initial.Ok)
        {
            throw new InvalidOperationException($"arrange: product {created}, initial inventory {initial}");
        }

        // Writer w sends `each` requests one after another, request r adding (w + r) % 9 + 1.
        long expected = 0;
        var answers = await AtOnceAsync(writers, async (http, w) =>
        {
            Answer last = null!;
            for (var r = 0; r < each; r++)
            {
                var delta = (w + r) % 9 + 1;
                last = await http.PostJsonAsync($"/api/v1/ingest/inventory/{store}", Http.Entries([($"d{w}-{r}", new { sku = "RACE-DELTA", store, on_hand = delta })]));
                if (last.Ok)
                {
                    Interlocked.Add(ref expected, delta);
                }
                else
                {
                    return last;
                }
            }

            return last;
        });
        var inventory = await run.ScalarAsync<long>(
            "SELECT v.inventory::bigint FROM variants v JOIN products p ON p.id = v.product_id WHERE p.catalog = $1 AND v.sku = 'RACE-DELTA'", $"store:{store}");
        var failures = new List<string>();
        var refused = answers.Where(a => !a.Ok).ToList();
        if (refused.Count > 0)
        {
            failures.Add($"{refused.Count} writers stopped on a non-2xx answer (first: {refused[0]})");
        }

        if (inventory != expected)
        {
            failures.Add($"inventory {inventory} ≠ the sum of the acknowledged deltas {expected}");
        }

        var acknowledged = answers.Length * each - refused.Count;
        return new FaultResult
        {
            Case = $"races: {writers} writers × {each} inventory deltas to one product",
            Guarantee = "inventory = the exact sum of the acknowledged deltas",
            Attempted = (long)writers * each,
            Acknowledged = acknowledged,
            Lost = Math.Max(0, expected - inventory),
            Duplicated = Math.Max(0, inventory - expected),
            Errors5xx = refused.Count(a => a.Code >= 500),
            Seconds = clock.Elapsed.TotalSeconds,
            Failures = failures,
            Note = $"sum {expected}, stored {inventory} (lost / duplicated in units)",
        };
    }
}
