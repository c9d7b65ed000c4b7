using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>What a job's grain and engine read of its <c>sync_jobs</c> row.</summary>
public sealed record SyncJobRow(
    Guid Id,
    Guid SupplierId,
    DiscoveryMode Mode,
    int? Limit,
    IReadOnlyList<string>? ExplicitList,
    DateTimeOffset? ChangedSince,
    string Status,
    bool Discovered,
    bool CancelRequested,
    int TotalProducts,
    int SuccessCount,
    int FailedCount,
    DateTimeOffset StartedAt);

/// <summary>A ref of the checkpoint: its position in discovery order and the ref.</summary>
public sealed record PendingRef(int Position, ProductRef Ref);

/// <summary>One finished ref for the checkpoint: done (with the upsert outcome) or failed (with its error).</summary>
public sealed record RefMarker(int Position, bool Done, string? Outcome, SyncError? Error);

/// <summary>How a run of the engine ended: finished with a terminal status, or interrupted (resume later).</summary>
public sealed record RunResult(string? Status, DateTimeOffset StartedAt)
{
    public static readonly RunResult Interrupted = new(null, default);

    public bool Finished => Status is not null;
}
