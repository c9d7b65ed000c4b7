using System.Globalization;
using System.Text;
using CatalogHub.Bench.Driver;

namespace CatalogHub.Bench.Faults;

/// <summary>The results as a markdown table (printed and written to <c>faults-&lt;time&gt;.md</c>).</summary>
public static class FaultReport
{
    public static string Markdown(RunInfo run, IReadOnlyList<FaultResult> results)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run: `{run.Arguments}`, {run.StartedAt:yyyy-MM-dd HH:mm} UTC, commit {run.Commit}, {run.Machine}; load average {run.LoadAtStart} at start, {run.LoadAtEnd} at the end; {run.Seconds:F0} s.");
        s.AppendLine();
        s.AppendLine("| case | guarantee | attempted | acknowledged | lost | duplicated | 5xx | resume (s) | time (s) | held | note |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            var resume = r.ResumeSeconds is { } x ? x.ToString("F1", CultureInfo.InvariantCulture) : "";
            var held = r.Passed ? "yes" : "**no**: " + Cell(string.Join("; ", r.Failures));
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Case} | {Cell(r.Guarantee)} | {r.Attempted:N0} | {r.Acknowledged:N0} | {r.Lost:N0} | {r.Duplicated:N0} | {r.Errors5xx:N0} | {resume} | {r.Seconds:F1} | {held} | {Cell(r.Note)} |");
        }

        return s.ToString();
    }

    public static async Task<string> WriteAsync(string directory, RunInfo run, IReadOnlyList<FaultResult> results)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"faults-{run.StartedAt:yyyy-MM-dd-HHmmss}{(run.Quick ? "-quick" : "")}.md");
        await File.WriteAllTextAsync(path, "# Faults (bench/Faults)\n\n" + Markdown(run, results));
        return path;
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
