namespace CatalogHub.Grains.Imports;

/// <summary>
/// The FIFO of feed imports of one catalog (key: the catalog, e.g. <c>store:9975</c>): imports run one at a time in
/// the order their bodies were stored, across all silos; the queue itself is the <c>feed_imports</c> rows, so it
/// survives a crash, and a keep-alive reminder resumes an interrupted import on a surviving silo.
/// </summary>
[Alias("CatalogHub.Grains.Imports.IImportQueueGrain")]
public interface IImportQueueGrain : IGrainWithStringKey
{
    /// <summary>An import of this catalog was stored as WAITING: make sure the queue runs.</summary>
    [Alias("Enqueue")]
    Task EnqueueAsync(long importId);

    /// <summary>Validates a stored import (validationOnly) without queueing it: dry run, outside the queue; its final status.</summary>
    [Alias("Validate"), Orleans.Concurrency.AlwaysInterleave]
    Task<string> ValidateAsync(long importId);
}

/// <summary>Deletes feed imports past their retention (status and stored feed), on a reminder. One per cluster (key 0).</summary>
[Alias("CatalogHub.Grains.Imports.IImportPurgeGrain")]
public interface IImportPurgeGrain : IGrainWithIntegerKey
{
    /// <summary>Registers the purge reminder (idempotent).</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Purges now; how many imports went.</summary>
    [Alias("Purge")]
    Task<int> PurgeAsync();
}
