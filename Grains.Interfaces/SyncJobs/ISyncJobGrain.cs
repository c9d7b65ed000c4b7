using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Grains.SyncJobs;

/// <summary>
/// One pull job (key: its id): the single writer of its <c>sync_jobs</c> row and checkpoint. Discovers,
/// hydrates and persists; keeps a reminder while active, so a job whose silo died resumes on another one.
/// </summary>
[Alias("CatalogHub.Grains.SyncJobs.ISyncJobGrain")]
public interface ISyncJobGrain : IGrainWithGuidKey
{
    /// <summary>Inserts the pending job row, registers the job's reminder and starts the job.</summary>
    [Alias("Start")]
    Task StartAsync(SyncJobSpec spec);

    /// <summary>Stops the job: what was stored stays, the job ends failed with a <c>cancelled</c> error.</summary>
    [Alias("Cancel")]
    Task<SyncJobChangeOutcome> CancelAsync(string reason);

    /// <summary>Seed 001's manual update; marking an active job failed cancels it.</summary>
    [Alias("Patch")]
    Task<SyncJobChangeOutcome> PatchAsync(SyncJobPatch patch);
}

/// <summary>Everything a job needs to run, fixed when it is created.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.SyncJobs.SyncJobSpec")]
public sealed record SyncJobSpec(
    [property: Id(0)] Guid SupplierId,
    [property: Id(1)] string SupplierName,
    [property: Id(2)] ImportRequest Request,
    [property: Id(3)] DateTimeOffset? ChangedSince);

/// <summary>Seed 001's <c>PATCH /api/sync-jobs/{id}</c> fields; null: not given.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.SyncJobs.SyncJobPatch")]
public sealed record SyncJobPatch(
    [property: Id(0)] string? Status,
    [property: Id(1)] int? RecordsProcessed,
    [property: Id(2)] string? ErrorLog,
    [property: Id(3)] DateTimeOffset? CompletedAt);

/// <summary>What a cancel or patch did.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.SyncJobs.SyncJobChangeOutcome")]
public enum SyncJobChangeOutcome
{
    Done = 0,
    NotFound = 1,

    /// <summary>The job already ended (cancel), or the change does not apply to an active job (patch).</summary>
    Conflict = 2,
}
