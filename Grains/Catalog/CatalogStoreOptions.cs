namespace CatalogHub.Grains.Catalog;

/// <summary>Tuning of the group commit (<c>Hub:CatalogStore</c>).</summary>
public sealed class CatalogStoreOptions
{
    /// <summary>
    /// Transactions committing at once, each with its own connection. Each batch is one set-based statement, so a
    /// few large batches beat many small ones: on 2 cores shared with PostgreSQL, 2 committers ingested as fast as 4
    /// with a quarter less PostgreSQL time (docs/performance.md). Raise it with the database's cores.
    /// </summary>
    public int Committers { get; set; } = 2;

    /// <summary>At most this many product writes in one transaction.</summary>
    public int MaxBatch { get; set; } = 256;
}
