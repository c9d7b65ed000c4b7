namespace CatalogHub.Grains.Ingest;

/// <summary>
/// The one result of one entry (seed 002's EntryResult): success with the action and the product's and
/// variants' numbers, or the error. <see cref="Data"/> is the entry's original data (JSON), kept for errors.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.EntryOutcome")]
public sealed record EntryOutcome(
    [property: Id(0)] int Row,
    [property: Id(1)] string EntryId,
    [property: Id(2)] CommandOutcome Outcome,
    [property: Id(3)] long? ProductNumber,
    [property: Id(4)] IReadOnlyList<long>? VariantNumbers,
    [property: Id(5)] EntryError? Error = null,
    [property: Id(6)] string? Data = null)
{
    public bool Failed => Outcome == CommandOutcome.Failed;
}

/// <summary>A job's status and counters (seed 002's JobStatus and JobSummary).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.IngestJobState")]
public sealed record IngestJobState(
    [property: Id(0)] long JobId,
    [property: Id(1)] string Status,
    [property: Id(2)] int Total,
    [property: Id(3)] int Succeeded,
    [property: Id(4)] int Created,
    [property: Id(5)] int Updated,
    [property: Id(6)] int Errors);

/// <summary>A finished synchronous job: its state and every entry's result in submission order.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.IngestJobRun")]
public sealed record IngestJobRun(
    [property: Id(0)] IngestJobState State,
    [property: Id(1)] IReadOnlyList<EntryOutcome> Results);
