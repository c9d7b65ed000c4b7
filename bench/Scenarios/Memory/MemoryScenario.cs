using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Scenarios.Upserts;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Bench.Scenarios.Memory;

/// <summary>
/// memory: a long stream of upserts of distinct products (a big supplier's full sync) through the cluster
/// client, the silo's RSS sampled every second. Flat means the last third of the run averages at most 10 %
/// above the middle third (the first third is warm-up: grain activations accumulate until collected).
/// </summary>
public sealed class MemoryScenario(BenchContext context)
{
    public const double LimitMb = 1024;
    public const double FlatTolerance = 1.10;

    public async Task RunAsync()
    {
        var options = context.Options;
        var (hub, db) = await context.HubAsync(UpsertScenarios.Database);
        var grains = await hub.ClientAsync();
        var supplier = Guid.NewGuid();
        var n = options.Upserts;
        var callers = options.Callers.Max();
        var source = new ChangeSource(ChangeSources.Sync, "bench-memory");
        context.Log.WriteLine($"memory: {n:N0} upserts of distinct products, {callers} callers, RSS sampled every second");
        await using var progress = new Progress($"memory (silo RSS {hub.SiloPids.Sum(ProcessSampler.RssMb):F0} MB at start)", n, context.Log);
        var sampler = new ProcessSampler(hub.SiloPids);
        var run = await GrainUpserts.RunAsync(grains, supplier, n, callers, source, progress);
        var failed = n - run.Outcomes[(int)UpsertOutcome.Created];
        var latencies = run.Latencies;
        var seconds = run.Seconds;
        var activations = await grains.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        var (peak, cpu) = await sampler.StopAsync();
        var series = sampler.Series.Select(s => Math.Round(s.RssMb, 1)).ToArray();
        await sampler.DisposeAsync();

        var (middle, last, flat) = Flatness(series);
        var rows = await CatalogRows.CountAsync(db, ProductKey.SupplierCatalog(supplier));
        var expected = ((long)n, (long)n * BenchProducts.VariantsPerProduct, (long)n);
        List<string> failures = [];
        if (rows != expected)
        {
            failures.Add($"rows {rows} ≠ expected {expected}");
        }

        if (failed > 0)
        {
            failures.Add($"{failed} upserts did not create");
        }

        context.Add(latencies.Describe(new ScenarioResult
        {
            Scenario = "memory",
            Case = $"{n:N0} distinct products, {callers} callers",
            Operations = n,
            Seconds = seconds,
            PeakRssMb = peak,
            CpuSeconds = cpu,
            RowsWritten = rows.Products + rows.Variants + rows.Events,
            Goal = FlatGoal,
            GoalMet = flat && peak < LimitMb,
            Note = $"RSS mean: middle third {middle:F0} MB, last third {last:F0} MB; {activations:N0} activations at the end",
            RssMbPerSecond = series,
            CheckFailures = failures,
        }));
    }

    /// <summary>The memory goal of every scenario that streams: flat after warm-up and under the limit.</summary>
    public static string FlatGoal => $"RSS flat after warm-up (last third ≤ {FlatTolerance:0.00}× middle third), peak < {LimitMb:F0} MB";

    /// <summary>The mean RSS of the middle and last thirds of <paramref name="series"/>, and whether the last stays within the tolerance of the middle.</summary>
    public static (double Middle, double Last, bool Flat) Flatness(IReadOnlyList<double> series)
    {
        var third = Math.Max(1, series.Count / 3);
        var middle = series.Skip(third).Take(third).DefaultIfEmpty(0).Average();
        var last = series.Skip(2 * third).DefaultIfEmpty(0).Average();
        return (middle, last, middle > 0 && last <= middle * FlatTolerance);
    }
}
