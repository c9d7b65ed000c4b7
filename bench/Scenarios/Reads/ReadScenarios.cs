using CatalogHub.Api.Products;
using CatalogHub.Bench.Driver;
using CatalogHub.CatalogSeeder;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CatalogHub.Bench.Scenarios.Reads;

/// <summary>
/// list-latency and detail-latency: the products API over HTTP with N concurrent clients against a catalog
/// seeded by binary COPY (tools/CatalogSeeder, 10 variants per product), each request kind beside its
/// baseline — the same reads (the same SQL, through the API's own <see cref="ProductReader"/>) run bare
/// through Npgsql from the driver with the same number of clients.
/// </summary>
public sealed class ReadScenarios(BenchContext context)
{
    public const string Database = "bench_reads";
    private readonly BenchOptions _options = context.Options;

    public async Task RunAsync()
    {
        var (hub, db) = await context.HubAsync(Database, SeedAsync);
        var reader = new ProductReader(db, new ProductTotals(Options.Create(new ProductListOptions()), TimeProvider.System));
        var https = Enumerable.Range(0, _options.Clients).Select(c => hub.Http(c, _options.Clients)).ToArray();
        try
        {
            // Warm the silo (JIT tiering, caches) on every request kind before the first is measured.
            var lists = await ReadRequests.ListAsync(db);
            var detail = await ReadRequests.DetailAsync(db);
            foreach (var kind in lists.Append(detail))
            {
                await ClosedLoop.RunAsync(_options.Clients, _options.WarmUp, async (c, random) => (await https[c].GetAsync(kind.Paths[random.Next(kind.Paths.Length)])).Dispose());
            }

            if (_options.Scenarios.Contains("list-latency"))
            {
                foreach (var request in lists)
                {
                    await MeasureAsync("list-latency", request, reader, https, hub, 20);
                }
            }

            if (_options.Scenarios.Contains("detail-latency"))
            {
                await MeasureAsync("detail-latency", detail, reader, https, hub, 10);
            }
        }
        finally
        {
            foreach (var http in https)
            {
                http.Dispose();
            }
        }
    }

    private async Task SeedAsync(NpgsqlDataSource db)
    {
        context.Log.WriteLine($"Seeding the read catalog: {_options.CatalogProducts:N0} products × 10 variants (binary COPY)");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await new CatalogLoader(db, new SyntheticCatalog(42), TextWriter.Null).LoadAsync(_options.CatalogProducts, 10, 5);
        context.Log.WriteLine($"  seeded in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private async Task MeasureAsync(string scenario, ReadRequest request, ProductReader reader, HttpClient[] https, BenchHub hub, double goalMs)
    {
        context.Log.WriteLine($"{scenario}: {request.Name}, {_options.Clients} clients");
        Task Bare(int client, Random random) => request.Bare(reader, random.Next(1_000_000));
        async Task Http(int client, Random random)
        {
            using var response = await https[client].GetAsync(request.Paths[random.Next(request.Paths.Length)], HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
            }
        }

        // Baseline and HTTP take turns in short slices, so a neighbour's burst of load on this shared machine
        // falls on both alike instead of on whichever happened to run then.
        await ClosedLoop.RunAsync(_options.Clients, _options.WarmUp, Bare);
        await ClosedLoop.RunAsync(_options.Clients, _options.WarmUp, Http);
        var slices = Math.Max(1, (int)Math.Round(_options.Measured.TotalSeconds / 2));
        var slice = _options.Measured / slices;
        ClosedLoop.Outcome? bare = null, http = null;
        double peakRss = 0, cpu = 0;
        for (var i = 0; i < slices; i++)
        {
            var b = await ClosedLoop.RunAsync(_options.Clients, slice, Bare, bare?.Latencies);
            bare = bare is null ? b : bare.Then(b);
            var sampler = new ProcessSampler(hub.SiloPids);
            var h = await ClosedLoop.RunAsync(_options.Clients, slice, Http, http?.Latencies);
            http = http is null ? h : http.Then(h);
            var (rss, seconds) = await sampler.StopAsync();
            await sampler.DisposeAsync();
            peakRss = Math.Max(peakRss, rss);
            cpu += seconds;
        }

        var bareResult = Result(scenario, $"{request.Name}, bare SQL", bare!, null) with { Note = "baseline: ProductReader over Npgsql in the driver" };
        context.Add(bareResult);
        var result = Result(scenario, $"{request.Name}, HTTP", http!, (peakRss, cpu));
        var ratio = bareResult.P99Ms > 0 ? result.P99Ms / bareResult.P99Ms : null;
        context.Add(result with
        {
            Baseline = "bare SQL (p99)",
            Ratio = ratio,
            Goal = $"p99 ≤ 2× bare SQL (estimate: ≤ {goalMs} ms)",
            GoalMet = ratio <= 2,
            Note = $"p50 ratio {result.P50Ms / bareResult.P50Ms:F2}×; p99 ≤ {goalMs} ms: {(result.P99Ms <= goalMs ? "yes" : "no")}",
        });
    }

    private static ScenarioResult Result(string scenario, string name, ClosedLoop.Outcome outcome, (double PeakRssMb, double CpuSeconds)? sampled) =>
        outcome.Latencies.Describe(new ScenarioResult
        {
            Scenario = scenario,
            Case = name,
            Operations = outcome.Operations,
            Seconds = outcome.Seconds,
            PeakRssMb = sampled?.PeakRssMb,
            CpuSeconds = sampled?.CpuSeconds,
            CheckFailures = outcome.Errors == 0 ? [] : [$"{outcome.Errors} errors, first: {outcome.FirstError}"],
        });
}
