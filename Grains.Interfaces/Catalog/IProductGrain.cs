using CatalogHub.Grains.Ingest;
using Orleans.Concurrency;

namespace CatalogHub.Grains.Catalog;

/// <summary>
/// The single writer of one product, keyed <c>{catalog}/{product key}</c> (see <see cref="ProductKey"/>).
/// Writes apply in call order; unchanged content writes nothing.
/// </summary>
[Alias("CatalogHub.Grains.Catalog.IProductGrain")]
public interface IProductGrain : IGrainWithStringKey
{
    /// <summary>Makes the product equal to <paramref name="product"/>; says whether that created, changed or left it.</summary>
    [Alias("Upsert")]
    Task<UpsertResult> UpsertAsync(CanonicalProduct product, ChangeSource source);

    /// <summary>
    /// Applies an ingestion job's commands for this product in order and writes the result once (nothing when
    /// nothing changed); one result per command.
    /// </summary>
    [Alias("Apply")]
    Task<IReadOnlyList<CommandResult>> ApplyAsync(CommandBatch batch);

    /// <summary>The product's identity and version, or null when it does not exist.</summary>
    [Alias("Describe"), ReadOnly]
    Task<ProductStamp?> DescribeAsync();

    /// <summary>Archives the product (hidden from the default list); archiving an archived product changes nothing.</summary>
    [Alias("Archive")]
    Task<ArchiveResult> ArchiveAsync(ChangeSource source);

    /// <summary>Restores an archived product; restoring an active product changes nothing.</summary>
    [Alias("Restore")]
    Task<ArchiveResult> RestoreAsync(ChangeSource source);
}

/// <summary>What an archive or restore did.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Catalog.ArchiveOutcome")]
public enum ArchiveOutcome
{
    /// <summary>The product changed state: new version, one outbox event.</summary>
    Changed = 0,

    /// <summary>The product already was in that state: nothing written.</summary>
    Unchanged = 1,

    /// <summary>No such product.</summary>
    NotFound = 2,
}

/// <summary>The outcome and the product's version after an archive or restore (0 when not found).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ArchiveResult")]
public sealed record ArchiveResult(
    [property: Id(0)] ArchiveOutcome Outcome,
    [property: Id(1)] int Version);

/// <summary>What an upsert did.</summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Catalog.UpsertOutcome")]
public enum UpsertOutcome
{
    Created = 0,
    Updated = 1,
    Unchanged = 2,
}

/// <summary>The outcome and the product's identity after the upsert.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.UpsertResult")]
public sealed record UpsertResult(
    [property: Id(0)] UpsertOutcome Outcome,
    [property: Id(1)] Guid ProductId,
    [property: Id(2)] long ProductNumber,
    [property: Id(3)] int Version);

/// <summary>A product's identity and current version.</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ProductStamp")]
public sealed record ProductStamp(
    [property: Id(0)] Guid ProductId,
    [property: Id(1)] long ProductNumber,
    [property: Id(2)] int Version,
    [property: Id(3)] string ContentHash);

/// <summary>Who changed a product: recorded on the outbox event (e.g. <c>sync</c> + job id).</summary>
[GenerateSerializer, Immutable, Alias("CatalogHub.Grains.Catalog.ChangeSource")]
public sealed record ChangeSource(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Reference = null);
