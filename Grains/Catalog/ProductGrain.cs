using CatalogHub.Grains.Ingest;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace CatalogHub.Grains.Catalog;

/// <inheritdoc cref="IProductGrain"/>
/// <remarks>
/// Keeps only the product's stamp (id, number, version, content hash) in memory, so millions of activations
/// during a sync stay small, and is collected after 30 idle seconds (a reactivation costs one row in a group read). The row in PostgreSQL is the truth:
/// a version conflict (another writer, e.g. an atomic feed import, got there first) reloads the stamp and
/// re-applies the upsert.
/// </remarks>
[CollectionAgeLimit(Minutes = 0.5)]
public sealed partial class ProductGrain(
    CatalogStore store, StampReader stamps, ProductCommandApplier applier, TimeProvider time, ILogger<ProductGrain> logger) : Grain, IProductGrain
{
    private const int MaxAttempts = 5;

    /// <summary>How long after its last ingestion call the grain deactivates (instead of its collection age).</summary>
    private static readonly TimeSpan QuietAfterApply = TimeSpan.FromSeconds(1);

    private IGrainTimer? _idle;

    private ProductKey? _key;
    private ProductStamp? _stamp;
    private bool _loaded;

    private ProductKey Key => _key ??= ProductKey.Parse(this.GetPrimaryKeyString());

    public async Task<UpsertResult> UpsertAsync(CanonicalProduct product, ChangeSource source)
    {
        if (source.Kind is ChangeSources.Sync or ChangeSources.Feed)
        {
            // A bulk writer touches each product once per job: thousands of activations a second kept for
            // their idle age would only cost memory (docs/performance.md, memory). The next call reactivates
            // the grain with one row of a group read.
            DeactivateOnIdle();
        }

        var content = ProductContent.Prepare(Key, product);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stamp = await StampAsync();
            if (stamp is not null && stamp.ContentHash == content.Hash)
            {
                return new UpsertResult(UpsertOutcome.Unchanged, stamp.ProductId, stamp.ProductNumber, stamp.Version);
            }

            var result = await store.WriteAsync(new ProductWrite(content, stamp?.Version, source, time.GetUtcNow()));
            if (result.Status == WriteStatus.UnknownCategory)
            {
                throw ProductValidationException.UnknownCategory(content.Product.CategoryId!.Value);
            }

            if (!result.IsConflict)
            {
                _stamp = result.Stamp;
                return new UpsertResult(stamp is null ? UpsertOutcome.Created : UpsertOutcome.Updated, _stamp!.ProductId, _stamp.ProductNumber, _stamp.Version);
            }

            LogConflict(Key, stamp?.Version, attempt);
            _loaded = false;
        }

        throw new InvalidOperationException($"Product {Key} kept changing under its writer ({MaxAttempts} version conflicts in a row).");
    }

    public async Task<IReadOnlyList<CommandResult>> ApplyAsync(CommandBatch batch)
    {
        // An ingestion job touches each product once per chunk: like a sync, keep no activation around for it, but
        // only once the product is quiet. DeactivateOnIdle here failed concurrent writers of one product: the calls
        // queued behind the deactivation were forwarded to the next activation, which deactivated after its first call
        // again, and after two forwards Orleans rejected them ("could not be written: unexpected error";
        // bench/Faults, races: 50 writers of one product's inventory deltas).
        if (_idle is null)
        {
            _idle = this.RegisterGrainTimer(_ => DeactivateWhenQuietAsync(), new GrainTimerCreationOptions(QuietAfterApply, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _idle.Change(QuietAfterApply, Timeout.InfiniteTimeSpan);
        }
        try
        {
            return await applier.ApplyAsync(Key, batch);
        }
        finally
        {
            // The applier read and maybe wrote the whole product: the stamp is read again when next needed.
            _loaded = false;
        }
    }

    [ReadOnly]
    public Task<ProductStamp?> DescribeAsync() => StampAsync();

    public Task<ArchiveResult> ArchiveAsync(ChangeSource source) => SetArchivedAsync(archived: true, source);

    public Task<ArchiveResult> RestoreAsync(ChangeSource source) => SetArchivedAsync(archived: false, source);

    private async Task<ArchiveResult> SetArchivedAsync(bool archived, ChangeSource source)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stamp = await StampAsync();
            if (stamp is null)
            {
                return new ArchiveResult(ArchiveOutcome.NotFound, 0);
            }

            var result = await store.SetArchivedAsync(new ProductArchive(stamp.ProductId, stamp.Version, archived, source, time.GetUtcNow()));
            switch (result.Status)
            {
                case ArchiveWriteStatus.Changed:
                    // Archiving is not content: the hash stays, only the version moves.
                    _stamp = stamp with { Version = result.Version };
                    return new ArchiveResult(ArchiveOutcome.Changed, result.Version);
                case ArchiveWriteStatus.Unchanged:
                    return new ArchiveResult(ArchiveOutcome.Unchanged, result.Version);
                case ArchiveWriteStatus.NotFound:
                    _stamp = null;
                    return new ArchiveResult(ArchiveOutcome.NotFound, 0);
                default:
                    LogConflict(Key, stamp.Version, attempt);
                    _loaded = false;
                    break;
            }
        }

        throw new InvalidOperationException($"Product {Key} kept changing under its writer ({MaxAttempts} version conflicts in a row).");
    }

    private async Task<ProductStamp?> StampAsync()
    {
        if (!_loaded)
        {
            _stamp = await stamps.LoadAsync(Key);
            _loaded = true;
        }

        return _stamp;
    }

    private Task DeactivateWhenQuietAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Product {Key} changed under its grain (read version {Version}); reloading, attempt {Attempt}")]
    private partial void LogConflict(ProductKey key, int? version, int attempt);
}
