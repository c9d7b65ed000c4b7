using System.Diagnostics;
using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Scenarios.Deliver;
using CatalogHub.Bench.Scenarios.Imports;
using CatalogHub.Bench.Scenarios.Ingest;
using CatalogHub.Bench.Scenarios.Memory;
using CatalogHub.Bench.Scenarios.Reads;
using CatalogHub.Bench.Scenarios.Upserts;
using CatalogHub.Harness;

// bench <scenario…|all> [--size N] [--silos 1|2] [--quick] …: see BenchOptions.Usage.
var options = BenchOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

var log = Console.Out;
var run = RunInfo.Now(args, options.Quick);
var clock = Stopwatch.StartNew();
log.WriteLine($"{run.Arguments}: {string.Join(", ", options.Scenarios)} on {run.Machine}, load {run.LoadAtStart}, commit {run.Commit}");
IReadOnlyList<ScenarioResult> results;
await using (var server = await BenchServer.StartAsync(log))
await using (var context = new BenchContext(options, server, log))
{
    if (options.Scenarios.Any(s => s.EndsWith("-upsert", StringComparison.Ordinal)))
    {
        await new UpsertScenarios(context).RunAsync();
    }

    if (options.Scenarios.Any(s => s.EndsWith("-latency", StringComparison.Ordinal)))
    {
        await new ReadScenarios(context).RunAsync();
    }

    if (options.Scenarios.Contains("memory"))
    {
        await new MemoryScenario(context).RunAsync();
    }

    if (options.Scenarios.Contains("ingest"))
    {
        await new IngestScenario(context).RunAsync();
    }

    if (options.Scenarios.Contains("import"))
    {
        await new ImportScenario(context).RunAsync();
    }

    if (options.Scenarios.Contains("deliver"))
    {
        await new DeliverScenario(context).RunAsync();
    }

    results = context.Results;
}

run.LoadAtEnd = RunInfo.Load();
run.Seconds = clock.Elapsed.TotalSeconds;
var (json, markdown) = await Report.WriteAsync(options.Out ?? Path.Combine(SiloProcess.RepositoryRoot(), "bench", "results"), run, results);
log.WriteLine();
log.WriteLine(Report.Markdown(run, results));
log.WriteLine($"Results: {json}, {markdown}");
var failed = results.Count(r => r.CheckFailures.Count > 0);
if (failed > 0)
{
    Console.Error.WriteLine($"{failed} case(s) failed their checks (rows, outcomes or error responses): see above.");
    return 1;
}

return 0;
