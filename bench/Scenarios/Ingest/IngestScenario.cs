using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CatalogHub.Api.Ingest;
using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Scenarios.Memory;
using CatalogHub.Bench.Scenarios.Upserts;
using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Bench.Scenarios.Ingest;

/// <summary>
/// ingest (issue 8, "Fast"): products entries with 3 variants each through the ingestion API over HTTP — async
/// batches of <see cref="BenchOptions.Batch"/> entries from <see cref="BenchOptions.Jobs"/> clients, each polling
/// its job to the end — beside the raw bulk upsert of the same rows in the same run; then the same batches again
/// (nothing may be written); then a long stream of distinct entries with the silo's RSS sampled every second.
/// Its own database and silo(s); an API key whose per-key limits are lifted; stores created through SQL.
/// </summary>
public sealed class IngestScenario(BenchContext context)
{
    public const string Database = "bench_ingest";
    public const string RawStore = "bench-raw";
    public const string Store = "bench-ingest";
    public const string StreamStore = "bench-stream";
    public const double RatioGoal = 0.5;
    public const double EntriesPerSecondEstimate = 10_000;
    public const double NoopGoal = 5;

    private static readonly string[] IngestScopes = ["ingest"];
    private readonly BenchOptions _options = context.Options;
    private readonly TextWriter _log = context.Log;

    public async Task RunAsync()
    {
        var (hub, db) = await context.HubAsync(Database);
        await CreateStoresAsync(db, RawStore, Store, StreamStore);
        var key = await CreateKeyAsync(hub, db);
        var https = Enumerable.Range(0, _options.Jobs).Select(c => hub.Http(c, 2, key)).ToArray();
        foreach (var http in https)
        {
            http.Timeout = TimeSpan.FromMinutes(5);
        }

        try
        {
            var n = _options.Size;
            var raw = await RawAsync(db, n);
            var batches = Batches(n);
            _log.WriteLine($"ingest: building {batches} request bodies of up to {_options.Batch:N0} entries");
            var bodies = Enumerable.Range(0, batches).AsParallel().AsOrdered().Select(b => Body(b, n)).ToArray();
            var largest = bodies.Max(b => b.Length);
            _log.WriteLine($"  largest body {largest / 1024.0 / 1024.0:F1} MB ({(double)largest / Math.Min(n, _options.Batch):F0} bytes per entry)");
            if (largest > CatalogHub.Grains.Limits.KeyLimits.Defaults.MaxPayloadBytes)
            {
                throw new InvalidOperationException($"A bench batch ({largest:N0} bytes) exceeds the contract's payload limit: make the entries smaller.");
            }

            var created = await IngestAsync(hub, db, https, bodies, n, raw);
            await NoopAsync(hub, db, https, bodies, n, created);
            await StreamAsync(hub, db, https);
        }
        finally
        {
            foreach (var http in https)
            {
                http.Dispose();
            }
        }
    }

    private int Batches(int entries) => (entries + _options.Batch - 1) / _options.Batch;

    private byte[] Body(int batch, int entries)
    {
        var start = batch * _options.Batch;
        return IngestEntries.Body(start, Math.Min(_options.Batch, entries - start));
    }

    private static (long, long, long) Expected(long n) => (n, n * IngestEntries.VariantsPerProduct, n);

    /// <summary>The raw bulk upsert (raw-upsert's code) of the rows ingestion writes, into a store of its own.</summary>
    private async Task<ScenarioResult> RawAsync(NpgsqlDataSource db, int n)
    {
        _log.WriteLine($"ingest (raw baseline): {n:N0} products × {IngestEntries.VariantsPerProduct} variants of store {RawStore}, binary COPY + INSERT … ON CONFLICT, {RawUpsert.Chunk:N0} per transaction");
        await ResetProfileAsync(db);
        await using var progress = new Progress("ingest raw baseline", n, _log);
        var now = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await new RawUpsert(db).WriteAsync(n, i => IngestEntries.Content(RawStore, i, now), new ChangeSource(ChangeSources.Ingest, "bench"), done => progress.Add(done));
        var seconds = clock.Elapsed.TotalSeconds;
        await PrintProfileAsync(db);
        var rows = await CatalogRows.CountAsync(db, ProductKey.StoreCatalog(RawStore));
        var result = new ScenarioResult
        {
            Scenario = "ingest",
            Case = "raw bulk upsert of the same rows (COPY + INSERT … ON CONFLICT, 1 connection)",
            Operations = n,
            Seconds = seconds,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            CheckFailures = rows == Expected(n) ? [] : [$"rows {rows} ≠ expected {Expected(n)}"],
            Note = "baseline of ingest products; ops = entries (products with 3 variants)",
        };
        context.Add(result);
        return result;
    }

    private async Task<ScenarioResult> IngestAsync(BenchHub hub, NpgsqlDataSource db, HttpClient[] https, byte[][] bodies, int n, ScenarioResult raw)
    {
        var name = $"products, {n:N0} entries × {IngestEntries.VariantsPerProduct} variants, batches of {_options.Batch:N0}, {_options.Jobs} in flight";
        _log.WriteLine($"ingest ({name})");
        var (run, sampled) = await DriveAsync(hub, db, https, Store, bodies.Length, b => bodies[b], n, "ingest products");
        var rows = await CatalogRows.CountAsync(db, ProductKey.StoreCatalog(Store));
        var failures = await CheckJobsAsync(db, run, n, "created");
        if (rows != Expected(n))
        {
            failures.Add($"rows {rows} ≠ expected {Expected(n)}");
        }

        var rate = run.Seconds > 0 ? n / run.Seconds : 0;
        var ratio = raw.OpsPerSecond > 0 ? rate / raw.OpsPerSecond : 0;
        var result = run.Posts.Describe(new ScenarioResult
        {
            Scenario = "ingest",
            Case = name,
            Operations = n,
            Seconds = run.Seconds,
            PeakRssMb = sampled.PeakRssMb,
            CpuSeconds = sampled.CpuSeconds,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            Baseline = "raw bulk upsert of the same rows (throughput)",
            Ratio = ratio,
            Goal = $"≥ {RatioGoal}× raw (estimate: ≥ {EntriesPerSecondEstimate:N0} entries/s)",
            GoalMet = ratio >= RatioGoal,
            Note = $"{JobsNote(run)}; estimate ≥ {EntriesPerSecondEstimate:N0} entries/s {(rate >= EntriesPerSecondEstimate ? "met" : "not met")} ({rate:N0}/s)",
            CheckFailures = failures,
        });
        context.Add(result);
        return result;
    }

    /// <summary>The same batches again: every entry unchanged, not one row of the catalog written (counted as noop-upsert does).</summary>
    private async Task NoopAsync(BenchHub hub, NpgsqlDataSource db, HttpClient[] https, byte[][] bodies, int n, ScenarioResult created)
    {
        var catalog = ProductKey.StoreCatalog(Store);
        var name = $"no-op re-ingest of the same {bodies.Length} batches";
        _log.WriteLine($"ingest ({name})");
        // pg_stat_user_tables counts arrive up to ~10 s late (backends report when idle); the quick run skips that
        // wait and relies on the exact checks (row versions and xmin).
        var statsQuiet = TimeSpan.FromSeconds(11);
        var statsBefore = _options.Quick ? 0 : await CatalogRows.TableWritesAsync(db, statsQuiet);
        var fingerprint = await CatalogRows.FingerprintAsync(db, catalog);
        var transaction = await CatalogRows.TransactionIdAsync(db);
        var (run, sampled) = await DriveAsync(hub, db, https, Store, bodies.Length, b => bodies[b], n, "ingest no-op");
        var writes = await CatalogRows.WrittenSinceAsync(db, catalog, transaction);
        var statWrites = _options.Quick ? 0 : await CatalogRows.TableWritesAsync(db, statsQuiet) - statsBefore;
        var failures = await CheckJobsAsync(db, run, n, "unchanged");
        if (await CatalogRows.FingerprintAsync(db, catalog) != fingerprint)
        {
            failures.Add("row versions (xmin, ctid) changed");
        }

        if (writes != 0)
        {
            failures.Add($"{writes} rows written (newer xmin)");
        }

        if (statWrites != 0)
        {
            failures.Add($"pg_stat_user_tables counted {statWrites} row writes");
        }

        var ratio = run.Seconds > 0 && created.OpsPerSecond > 0 ? n / run.Seconds / created.OpsPerSecond : 0;
        context.Add(run.Posts.Describe(new ScenarioResult
        {
            Scenario = "ingest",
            Case = name,
            Operations = n,
            Seconds = run.Seconds,
            PeakRssMb = sampled.PeakRssMb,
            CpuSeconds = sampled.CpuSeconds,
            RowsWritten = writes,
            Baseline = "ingest products (throughput)",
            Ratio = ratio,
            Goal = $"0 rows written, ≥ {NoopGoal}× ingest products",
            GoalMet = writes == 0 && statWrites == 0 && ratio >= NoopGoal,
            Note = $"{JobsNote(run)}; rows: xmin and ctid of the catalog's rows{(_options.Quick ? "" : ", and pg_stat_user_tables")}",
            CheckFailures = failures,
        }));
    }

    /// <summary>A long stream of distinct entries (a store's initial load): the silo's RSS must level off.</summary>
    private async Task StreamAsync(BenchHub hub, NpgsqlDataSource db, HttpClient[] https)
    {
        var n = _options.Entries;
        var batches = Batches(n);
        var name = $"memory: {n:N0} distinct entries streamed, {batches:N0} batches of {_options.Batch:N0}, {_options.Jobs} in flight";
        _log.WriteLine($"ingest ({name}), silo RSS {hub.SiloPids.Sum(ProcessSampler.RssMb):F0} MB at start, sampled every second");
        // Bodies are made as they are sent (a million entries would not fit in the driver at once).
        var (run, sampled) = await DriveAsync(hub, db, https, StreamStore, batches, b => Body(b, n), n, "ingest memory");
        var series = sampled.Series;
        var (middle, last, flat) = MemoryScenario.Flatness(series);
        var rows = await CatalogRows.CountAsync(db, ProductKey.StoreCatalog(StreamStore));
        var failures = await CheckJobsAsync(db, run, n, "created");
        if (rows != Expected(n))
        {
            failures.Add($"rows {rows} ≠ expected {Expected(n)}");
        }

        context.Add(run.Posts.Describe(new ScenarioResult
        {
            Scenario = "ingest",
            Case = name,
            Operations = n,
            Seconds = run.Seconds,
            PeakRssMb = sampled.PeakRssMb,
            CpuSeconds = sampled.CpuSeconds,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            Goal = MemoryScenario.FlatGoal,
            GoalMet = flat && sampled.PeakRssMb < MemoryScenario.LimitMb,
            Note = $"RSS mean: middle third {middle:F0} MB, last third {last:F0} MB; {JobsNote(run)}",
            RssMbPerSecond = [.. series],
            CheckFailures = failures,
        }));
    }

    private async Task<(IngestJobs.Outcome Run, (double PeakRssMb, double CpuSeconds, IReadOnlyList<double> Series) Sampled)> DriveAsync(
        BenchHub hub, NpgsqlDataSource db, HttpClient[] https, string store, int batches, Func<int, byte[]> body, int entries, string name)
    {
        await ResetProfileAsync(db);
        await using var progress = new Progress(name, entries, _log);
        var sampler = new ProcessSampler(hub.SiloPids);
        var run = await IngestJobs.RunAsync(https, store, batches, body, progress);
        var (peak, cpu) = await sampler.StopAsync();
        var series = sampler.Series.Select(s => Math.Round(s.RssMb, 1)).ToArray();
        await sampler.DisposeAsync();
        await PrintProfileAsync(db);
        return (run, (peak, cpu, series));
    }

    /// <summary>Every batch accepted and completed, one result per entry, each with the expected action.</summary>
    private static async Task<List<string>> CheckJobsAsync(NpgsqlDataSource db, IngestJobs.Outcome run, int entries, string action)
    {
        List<string> failures = [.. run.Failures];
        foreach (var job in run.Finished.Where(j => j.Status != "completed" || j.Errors > 0 || j.Processed != j.Total))
        {
            failures.Add($"job {job.Id} (batch {job.Batch}) {job.Status}: {job.Processed} of {job.Total} processed, {job.Errors} errors");
        }

        await using var cmd = db.CreateCommand("""
            SELECT count(*), count(*) FILTER (WHERE status = 'success' AND action = $2) FROM ingest_results WHERE job_id = ANY ($1)
            """);
        cmd.Parameters.AddWithValue(run.JobIds);
        cmd.Parameters.AddWithValue(action);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (results, expected) = (reader.GetInt64(0), reader.GetInt64(1));
        if (results != entries || expected != entries)
        {
            failures.Add($"{results:N0} results of {entries:N0} entries, {expected:N0} {action}");
        }

        return failures;
    }

    private static string JobsNote(IngestJobs.Outcome run) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{run.Finished.Count} jobs; job time (POST to finished) p50 {run.Jobs.PercentileMs(50) / 1000:F1} s, max {run.Jobs.PercentileMs(100) / 1000:F1} s");

    private async Task ResetProfileAsync(NpgsqlDataSource db)
    {
        if (_options.Profile)
        {
            await StatementProfile.ResetAsync(db);
        }
    }

    private async Task PrintProfileAsync(NpgsqlDataSource db)
    {
        if (_options.Profile)
        {
            _log.WriteLine(await StatementProfile.TopAsync(db, 12));
        }
    }

    /// <summary>Active stores, each with its default location (named after the store number), as the ingestion API requires.</summary>
    public static async Task CreateStoresAsync(NpgsqlDataSource db, params string[] storeNumbers)
    {
        await using var cmd = db.CreateCommand("""
            WITH s AS (
                INSERT INTO stores (store_number, name) SELECT n, 'Bench ' || n FROM unnest($1::text[]) AS n
                ON CONFLICT (store_number) DO NOTHING
                RETURNING id, store_number
            )
            INSERT INTO store_locations (store_id, name) SELECT id, store_number FROM s
            """);
        cmd.Parameters.AddWithValue(storeNumbers);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// An ingest key made through the API with the admin key, its per-key limits (api_keys, migration 0008)
    /// lifted so that rate limits measure nothing here: 10 MB and 10,000 entries per request stay the contract's.
    /// </summary>
    public static async Task<string> CreateKeyAsync(BenchHub hub, NpgsqlDataSource db)
    {
        using var admin = hub.Http(0, 1);
        using var response = await admin.PostAsJsonAsync("/api/keys", new { name = "bench ingest", scopes = IngestScopes });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        await using var cmd = db.CreateCommand("""
            UPDATE api_keys SET requests_per_minute = 1000000, entries_per_minute = 1000000000,
                                max_payload_bytes = 64 * 1024 * 1024, max_entries_per_request = 10000
            WHERE id = $1
            """);
        cmd.Parameters.AddWithValue(created.GetProperty("id").GetGuid());
        if (await cmd.ExecuteNonQueryAsync() != 1)
        {
            throw new InvalidOperationException("The bench's API key was not found to lift its limits.");
        }

        return created.GetProperty("key").GetString()!;
    }
}
