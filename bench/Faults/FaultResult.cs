namespace CatalogHub.Bench.Faults;

/// <summary>
/// What one case saw: operations attempted, acknowledged (2xx), lost (acknowledged but not durable or not delivered),
/// duplicated (applied or stored more than once), 5xx answers, the time to resume after the fault, and the failed
/// checks of its guarantee (empty: the guarantee held).
/// </summary>
public sealed record FaultResult
{
    public required string Case { get; init; }

    /// <summary>The guarantee checked, in a few words.</summary>
    public required string Guarantee { get; init; }

    public long Attempted { get; init; }

    public long Acknowledged { get; init; }

    public long Lost { get; init; }

    public long Duplicated { get; init; }

    public long Errors5xx { get; init; }

    /// <summary>Fault to the first progress after it (a crash, the database back, the downstream back); null where no fault resumes.</summary>
    public double? ResumeSeconds { get; init; }

    public double Seconds { get; init; }

    public IReadOnlyList<string> Failures { get; init; } = [];

    public string Note { get; init; } = "";

    public bool Passed => Failures.Count == 0;
}
