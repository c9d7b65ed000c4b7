namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// An import of one supplier (seed 000's <c>POST /api/suppliers/{id}/import</c>): the mode, a positive
/// <see cref="Limit"/> for <c>first_n</c>, the SKUs for <c>explicit_list</c>, and where the job reports its end
/// (<see cref="Callback"/>, null: nowhere).
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.ImportRequest")]
public sealed record ImportRequest(
    [property: Id(0)] DiscoveryMode Mode,
    [property: Id(1)] int? Limit = null,
    [property: Id(2)] IReadOnlyList<string>? ExplicitList = null,
    [property: Id(3)] CatalogHub.Grains.Callbacks.JobCallback? Callback = null);

/// <summary>What asking for an import did.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Suppliers.StartImportOutcome")]
public enum StartImportOutcome
{
    /// <summary>A pending job was created: <see cref="StartImportResult.JobId"/>.</summary>
    Started = 0,

    /// <summary>A job of that mode is pending or running: <see cref="StartImportResult.JobId"/> is that job.</summary>
    Conflict = 1,

    /// <summary>The supplier has no adapter; no job was created.</summary>
    NoAdapter = 2,

    /// <summary>No such supplier.</summary>
    NotFound = 3,

    /// <summary>The supplier is deactivated; no job was created.</summary>
    Inactive = 4,

    /// <summary>A scheduled run that did not start: the scheduler is disabled or the schedule is gone.</summary>
    NotScheduled = 5,
}

/// <summary>The outcome and the job it is about (the new one, or the one in the way).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.StartImportResult")]
public sealed record StartImportResult([property: Id(0)] StartImportOutcome Outcome, [property: Id(1)] Guid? JobId = null)
{
    public static StartImportResult Started(Guid jobId) => new(StartImportOutcome.Started, jobId);

    public static StartImportResult Conflict(Guid runningJobId) => new(StartImportOutcome.Conflict, runningJobId);

    public static readonly StartImportResult NoAdapter = new(StartImportOutcome.NoAdapter);
    public static readonly StartImportResult NotFound = new(StartImportOutcome.NotFound);
    public static readonly StartImportResult Inactive = new(StartImportOutcome.Inactive);
    public static readonly StartImportResult NotScheduled = new(StartImportOutcome.NotScheduled);
}

/// <summary>A job telling its supplier it ended: the mode is free, and a full or delta sync is recorded by its start.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Suppliers.JobFinished")]
public sealed record JobFinished(
    [property: Id(0)] Guid JobId,
    [property: Id(1)] DiscoveryMode Mode,
    [property: Id(2)] string Status,
    [property: Id(3)] DateTimeOffset StartedAt);
