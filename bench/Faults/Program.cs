using System.Diagnostics;
using CatalogHub.Bench.Driver;
using CatalogHub.Bench.Faults;
using CatalogHub.Bench.Faults.Cases;
using CatalogHub.Harness;

// faults <case…|all> [--quick] [--out <dir>]: see FaultOptions.Usage.
var options = FaultOptions.Parse(args, Console.Error);
if (options is null)
{
    return 2;
}

var log = Console.Out;
var run = RunInfo.Now(args, options.Quick) with { Arguments = "faults " + string.Join(' ', args) };
var clock = Stopwatch.StartNew();
log.WriteLine($"{run.Arguments}: {string.Join(", ", options.Cases)} on {run.Machine}, load {run.LoadAtStart}, commit {run.Commit}");
var results = new List<FaultResult>();
await using (var server = await BenchServer.StartAsync(log))
await using (var faults = await FaultRun.StartAsync(options, server, log))
{
    foreach (var group in options.Cases)
    {
        IEnumerable<(string Name, Func<Task<FaultResult>> Run)> cases = group switch
        {
            "races" => new RaceCases(faults).Cases,
            "crash" => new CrashCases(faults).Cases,
            "pg-restart" => [("pg-restart", () => new PostgresRestartCase(faults).RunAsync())],
            "outage" => [("outage", () => new DownstreamOutageCase(faults).RunAsync())],
            "soak" => [("soak", () => new SoakCase(faults).RunAsync())],
            _ => throw new InvalidOperationException(group),
        };
        foreach (var (name, runCase) in cases)
        {
            log.WriteLine($"{name}: start (load {RunInfo.Load()})");
            var started = Stopwatch.StartNew();
            FaultResult result;
            try
            {
                await faults.EnsureTwoSilosAsync();
                result = await runCase();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A case that could not finish is a failed guarantee, reported like the others; the run goes on.
                result = new FaultResult { Case = name, Guarantee = "(did not finish)", Seconds = started.Elapsed.TotalSeconds, Failures = [$"{e.GetType().Name}: {e.Message}"] };
                log.WriteLine(e);
            }

            results.Add(result);
            if (!result.Passed)
            {
                // What the silos logged (warnings and errors) beside the failure, for the report's reader.
                var directory = options.Out ?? Path.Combine(SiloProcess.RepositoryRoot(), "bench", "results");
                Directory.CreateDirectory(directory);
                foreach (var (silo, i) in faults.Hub.Silos.Select((s, i) => (s, i)))
                {
                    var file = Path.Combine(directory, $"faults-{run.StartedAt:yyyy-MM-dd-HHmmss}-{results.Count}-silo{i}.log");
                    await File.WriteAllTextAsync(file, silo.Output);
                    log.WriteLine($"  silo {i} output: {file}");
                }
            }

            log.WriteLine($"  = {name}: {(result.Passed ? "held" : "FAILED: " + string.Join("; ", result.Failures))} ({result.Seconds:F1} s)");
        }
    }
}

run.LoadAtEnd = RunInfo.Load();
run.Seconds = clock.Elapsed.TotalSeconds;
var path = await FaultReport.WriteAsync(options.Out ?? Path.Combine(SiloProcess.RepositoryRoot(), "bench", "results"), run, results);
log.WriteLine();
log.WriteLine(FaultReport.Markdown(run, results));
log.WriteLine($"Results: {path}");
var failed = results.Count(r => !r.Passed);
if (failed > 0)
{
    Console.Error.WriteLine($"{failed} fault case(s) failed their guarantee: see above.");
    return 1;
}

return 0;
