namespace CatalogHub.Bench.Driver;

/// <summary>
/// One measured figure of a run: what was done, how fast, what it cost the silo, what it wrote, and how it
/// compares to its baseline measured in the same run.
/// </summary>
public sealed record ScenarioResult
{
    public required string Scenario { get; init; }

    /// <summary>What exactly was measured (e.g. "cluster client, 64 callers", "list brand").</summary>
    public required string Case { get; init; }

    public long Operations { get; init; }
    public double Seconds { get; init; }
    public double OpsPerSecond => Seconds > 0 ? Operations / Seconds : 0;
    public double? P50Ms { get; init; }
    public double? P95Ms { get; init; }
    public double? P99Ms { get; init; }

    /// <summary>Peak resident memory of the process(es) doing the work (silo processes, or the driver when in-process).</summary>
    public double? PeakRssMb { get; init; }

    /// <summary>CPU seconds those processes spent during the measurement.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Rows inserted, updated or deleted in the catalog tables by this case.</summary>
    public long? RowsWritten { get; init; }

    /// <summary>The case this one is compared with, and the ratio (this ÷ baseline, of throughput or p99 as <see cref="Goal"/> says).</summary>
    public string? Baseline { get; init; }
    public double? Ratio { get; init; }

    /// <summary>The goal in words (from the issue) and whether it was met; null when this case has no goal.</summary>
    public string? Goal { get; init; }
    public bool? GoalMet { get; init; }

    /// <summary>The driver's own checks (rows match, no error responses): a failed check fails the run.</summary>
    public IReadOnlyList<string> CheckFailures { get; init; } = [];

    public string? Note { get; init; }

    /// <summary>RSS in MB, one sample a second (the memory scenario's curve).</summary>
    public IReadOnlyList<double>? RssMbPerSecond { get; init; }
}
