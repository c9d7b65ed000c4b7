namespace CatalogHub.Grains.Catalog;

/// <summary>Tuning of the group commit (<c>Hub:CatalogStore</c>).</summary>
public sealed class CatalogStoreOptions
{
    /// <summary>Transactions committing at once, each with its own connection.</summary>
    public int Committers { get; set; } = 4;

    /// <summary>At most this many product writes in one transaction.</summary>
    public int MaxBatch { get; set; } = 256;
}
