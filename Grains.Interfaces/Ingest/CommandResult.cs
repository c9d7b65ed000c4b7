namespace CatalogHub.Grains.Ingest;

/// <summary>What one <see cref="ProductCommand"/> did to its product.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Ingest.CommandOutcome")]
public enum CommandOutcome
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
    Failed = 3,
}

/// <summary>
/// The outcome of one command: the product's number and the numbers of the variants the command touched (all of
/// them for <see cref="PutProduct"/>), or the error. Under <c>validate_only</c> a product that would be created has
/// number 0.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.CommandResult")]
public sealed record CommandResult(
    [property: Id(0)] int Row,
    [property: Id(1)] CommandOutcome Outcome,
    [property: Id(2)] long ProductNumber,
    [property: Id(3)] IReadOnlyList<long> VariantNumbers,
    [property: Id(4)] EntryError? Error = null);

/// <summary>
/// Commands for one product, in entry order, and how to apply them: <see cref="ValidateOnly"/> computes the
/// outcomes and writes nothing; <see cref="ForceSync"/> leaves an outbox event even when nothing changed;
/// <see cref="JobId"/> names the ingestion job (receipts of applied entries are written with the product, and a
/// <see cref="Resumed"/> job skips the entries a product already took). <see cref="Absent"/>: the caller just found the
/// product absent, so the first attempt need not read it (a product created meanwhile shows as a version conflict).
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Ingest.CommandBatch")]
public sealed record CommandBatch(
    [property: Id(0)] IReadOnlyList<ProductCommand> Commands,
    [property: Id(1)] long JobId,
    [property: Id(2)] bool ValidateOnly = false,
    [property: Id(3)] bool ForceSync = false,
    [property: Id(4)] bool Resumed = false,
    [property: Id(5)] bool Absent = false);
