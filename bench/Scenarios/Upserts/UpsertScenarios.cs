using System.Diagnostics;
using CatalogHub.Bench.Driver;
using CatalogHub.Grains.Catalog;
using Npgsql;

namespace CatalogHub.Bench.Scenarios.Upserts;

/// <summary>
/// raw-upsert (the physical limit), grain-upsert (the same rows through ProductGrain and the group-committing
/// store, via the cluster client at each caller count and from an in-process silo) and noop-upsert (the same
/// rows again: nothing may be written), each in a fresh supplier catalog of the writes database.
/// </summary>
public sealed class UpsertScenarios(BenchContext context)
{
    public const string Database = "bench_writes";
    private static readonly ChangeSource Source = new(ChangeSources.Sync, "bench");
    private readonly BenchOptions _options = context.Options;
    private readonly TextWriter _log = context.Log;

    public async Task RunAsync()
    {
        var (hub, db) = await context.HubAsync(Database);
        var n = _options.Size;
        var expected = (Products: (long)n, Variants: (long)n * BenchProducts.VariantsPerProduct, Events: (long)n);

        var raw = await RawAsync(hub, db, n, expected);
        if (!_options.Scenarios.Contains("grain-upsert"))
        {
            return;
        }

        var client = await hub.ClientAsync();
        var first = true;
        foreach (var callers in _options.Callers)
        {
            var supplier = Guid.NewGuid();
            var created = await GrainAsync(client, hub.SiloPids, db, supplier, callers, $"cluster client, {callers} callers", raw, expected);
            if (first && _options.Scenarios.Contains("noop-upsert"))
            {
                await NoopAsync(client, hub, db, supplier, callers, created);
            }

            first = false;
        }

        var inProcessCallers = _options.Callers.Max();
        var factory = await hub.InProcessSiloAsync();
        await GrainAsync(factory, [Environment.ProcessId], db, Guid.NewGuid(), inProcessCallers, $"in-process silo, {inProcessCallers} callers", raw, expected);
        await hub.StopInProcessSiloAsync();
    }

    private async Task<ScenarioResult> RawAsync(BenchHub hub, NpgsqlDataSource db, int n, (long, long, long) expected)
    {
        var supplier = Guid.NewGuid();
        _log.WriteLine($"raw-upsert: {n:N0} products × {BenchProducts.VariantsPerProduct} variants, binary COPY + INSERT … ON CONFLICT, {RawUpsert.Chunk:N0} per transaction");
        await using var progress = new Progress("raw-upsert", n, _log);
        var clock = Stopwatch.StartNew();
        await new RawUpsert(db).WriteAsync(supplier, n, done => progress.Add(done));
        var seconds = clock.Elapsed.TotalSeconds;
        var rows = await CatalogRows.CountAsync(db, ProductKey.SupplierCatalog(supplier));
        var result = new ScenarioResult
        {
            Scenario = "raw-upsert",
            Case = "COPY + INSERT … ON CONFLICT, 1 connection",
            Operations = n,
            Seconds = seconds,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            CheckFailures = rows == expected ? [] : [$"rows {rows} ≠ expected {expected}"],
            Note = "baseline of grain-upsert",
        };
        context.Add(result);
        return result;
    }

    private async Task<ScenarioResult> GrainAsync(
        IGrainFactory grains, IEnumerable<int> pids, NpgsqlDataSource db, Guid supplier, int callers, string name, ScenarioResult raw, (long, long, long) expected)
    {
        var n = _options.Size;
        _log.WriteLine($"grain-upsert ({name}): {n:N0} products");
        var (latencies, seconds, outcomes, sampled) = await DriveAsync(grains, pids, db, supplier, n, callers, $"grain-upsert {callers}");
        var rows = await CatalogRows.CountAsync(db, ProductKey.SupplierCatalog(supplier));
        var ratio = seconds > 0 && raw.OpsPerSecond > 0 ? n / seconds / raw.OpsPerSecond : 0;
        List<string> failures = [];
        if (rows != expected)
        {
            failures.Add($"rows {rows} ≠ expected {expected}");
        }

        if (outcomes[(int)UpsertOutcome.Created] != n)
        {
            failures.Add($"{outcomes[(int)UpsertOutcome.Created]} of {n} created");
        }

        var result = latencies.Describe(new ScenarioResult
        {
            Scenario = "grain-upsert",
            Case = name,
            Operations = n,
            Seconds = seconds,
            PeakRssMb = sampled.PeakRssMb,
            CpuSeconds = sampled.CpuSeconds,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            Baseline = "raw-upsert (throughput)",
            Ratio = ratio,
            Goal = "≥ 0.5× raw-upsert",
            GoalMet = ratio >= 0.5,
            CheckFailures = failures,
        });
        context.Add(result);
        return result;
    }

    /// <summary>The same rows again, with the grains still active (warm) and after collecting every activation (cold).</summary>
    private async Task NoopAsync(IGrainFactory grains, BenchHub hub, NpgsqlDataSource db, Guid supplier, int callers, ScenarioResult created)
    {
        var catalog = ProductKey.SupplierCatalog(supplier);
        foreach (var cold in new[] { false, true })
        {
            if (cold)
            {
                await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
            }

            var name = $"cluster client, {callers} callers, {(cold ? "cold grains" : "warm grains")}";
            _log.WriteLine($"noop-upsert ({name}): the same {_options.Size:N0} products again");
            // pg_stat_user_tables counts arrive up to ~10 s late (backends report when idle); the quick run
            // skips that wait and relies on the exact checks (row versions and xmin).
            var statsQuiet = TimeSpan.FromSeconds(11);
            var statsBefore = _options.Quick ? 0 : await CatalogRows.TableWritesAsync(db, statsQuiet);
            var fingerprint = await CatalogRows.FingerprintAsync(db, catalog);
            var transaction = await CatalogRows.TransactionIdAsync(db);
            var (latencies, seconds, outcomes, sampled) = await DriveAsync(grains, hub.SiloPids, db, supplier, _options.Size, callers, "noop-upsert");
            var writes = await CatalogRows.WrittenSinceAsync(db, catalog, transaction);
            var statWrites = _options.Quick ? 0 : await CatalogRows.TableWritesAsync(db, statsQuiet) - statsBefore;
            List<string> failures = [];
            if (await CatalogRows.FingerprintAsync(db, catalog) != fingerprint)
            {
                failures.Add("row versions (xmin, ctid) changed");
            }

            if (outcomes[(int)UpsertOutcome.Unchanged] != _options.Size)
            {
                failures.Add($"{outcomes[(int)UpsertOutcome.Unchanged]} of {_options.Size} unchanged");
            }

            if (writes != 0)
            {
                failures.Add($"{writes} rows written (newer xmin)");
            }

            if (statWrites != 0)
            {
                failures.Add($"pg_stat_user_tables counted {statWrites} row writes");
            }

            var ratio = seconds > 0 ? _options.Size / seconds / created.OpsPerSecond : 0;
            context.Add(latencies.Describe(new ScenarioResult
            {
                Scenario = "noop-upsert",
                Case = name,
                Operations = _options.Size,
                Seconds = seconds,
                PeakRssMb = sampled.PeakRssMb,
                CpuSeconds = sampled.CpuSeconds,
                RowsWritten = writes,
                Baseline = $"grain-upsert {created.Case} (throughput)",
                Ratio = ratio,
                Goal = "0 rows written, ≥ 5× grain-upsert",
                GoalMet = writes == 0 && statWrites == 0 && ratio >= 5,
                Note = _options.Quick ? "rows: xmin and ctid of the catalog's rows" : "rows: xmin and ctid of the catalog's rows, and pg_stat_user_tables",
                CheckFailures = failures,
            }));
        }
    }

    private async Task<(Latencies Latencies, double Seconds, long[] Outcomes, (double PeakRssMb, double CpuSeconds) Sampled)> DriveAsync(
        IGrainFactory grains, IEnumerable<int> pids, NpgsqlDataSource db, Guid supplier, int n, int callers, string name)
    {
        if (_options.Profile)
        {
            await StatementProfile.ResetAsync(db);
        }

        await using var progress = new Progress(name, n, _log);
        var sampler = new ProcessSampler(pids);
        var run = await GrainUpserts.RunAsync(grains, supplier, n, callers, Source, progress);
        var sampled = await sampler.StopAsync();
        await sampler.DisposeAsync();
        if (_options.Profile)
        {
            _log.WriteLine(await StatementProfile.TopAsync(db));
        }

        return (run.Latencies, run.Seconds, run.Outcomes, sampled);
    }
}
