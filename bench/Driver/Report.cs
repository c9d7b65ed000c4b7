using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CatalogHub.Bench.Driver;

/// <summary>The run's results as JSON (everything) and a Markdown table (the figures and ratios), under <c>bench/results/</c>.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string Line(ScenarioResult r) =>
        string.Create(CultureInfo.InvariantCulture, $"{r.Scenario} | {r.Case} | {r.OpsPerSecond:N0}/s | p50 {Ms(r.P50Ms)} p99 {Ms(r.P99Ms)} | ratio {Ratio(r.Ratio)} | {Met(r)}")
        + (r.CheckFailures.Count > 0 ? $" | CHECK FAILED: {string.Join("; ", r.CheckFailures)}" : "");

    public static string Markdown(RunInfo run, IReadOnlyList<ScenarioResult> results)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Run {run.StartedAt:yyyy-MM-dd HH:mm} UTC, {run.Arguments}");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {run.Machine}; load average {run.LoadAtStart} at start, {run.LoadAtEnd} at end; {run.Seconds:F0} s in all.");
        md.AppendLine();
        md.AppendLine("| scenario | case | ops | ops/s | p50 ms | p95 ms | p99 ms | silo peak RSS MB | silo CPU s | rows written | baseline | ratio | goal | met |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|---|");
        foreach (var r in results)
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Case} | {r.Operations:N0} | {r.OpsPerSecond:N0} | {Ms(r.P50Ms)} | {Ms(r.P95Ms)} | {Ms(r.P99Ms)} | {Num(r.PeakRssMb)} | {Num(r.CpuSeconds)} | {(r.RowsWritten is { } w ? w.ToString("N0", CultureInfo.InvariantCulture) : "")} | {r.Baseline} | {Ratio(r.Ratio)} | {r.Goal} | {Met(r)} |"));
        }

        var failures = results.Where(r => r.CheckFailures.Count > 0).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Check failures:");
            foreach (var r in failures)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {r.Scenario} / {r.Case}: {string.Join("; ", r.CheckFailures)}");
            }
        }

        return md.ToString();
    }

    /// <summary>Writes <c>{stamp}.json</c> and <c>{stamp}.md</c>; returns their paths.</summary>
    public static async Task<(string Json, string Markdown)> WriteAsync(string directory, RunInfo run, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(directory);
        var stamp = run.StartedAt.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture) + (run.Quick ? "-quick" : "");
        var json = Path.Combine(directory, stamp + ".json");
        var md = Path.Combine(directory, stamp + ".md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new { run, results }, Json));
        await File.WriteAllTextAsync(md, Markdown(run, results));
        return (json, md);
    }

    private static string Ms(double? ms) => ms is { } v ? v.ToString(v < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) : "";

    private static string Num(double? v) => v is { } x ? x.ToString("F0", CultureInfo.InvariantCulture) : "";

    private static string Ratio(double? r) => r is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) + "×" : "";

    private static string Met(ScenarioResult r) => r.GoalMet switch { true => "yes", false => "**no**", null => "" };
}

/// <summary>What a run was: when, where, how invoked.</summary>
public sealed record RunInfo(DateTimeOffset StartedAt, string Arguments, bool Quick, string Machine, string LoadAtStart, string Commit)
{
    public string LoadAtEnd { get; set; } = "";

    public double Seconds { get; set; }

    public static RunInfo Now(string[] args, bool quick) => new(
        DateTimeOffset.UtcNow,
        "bench " + string.Join(' ', args),
        quick,
        $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}",
        Load(),
        Git("rev-parse --short HEAD"));

    public static string Load()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string Git(string arguments)
    {
        try
        {
            using var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
