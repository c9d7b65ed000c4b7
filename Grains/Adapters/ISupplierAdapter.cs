using CatalogHub.Grains.Catalog;
using CatalogHub.Grains.Suppliers;

namespace CatalogHub.Grains.Adapters;

/// <summary>
/// Speaks one supplier protocol (seed 000's adapter): <see cref="DiscoverAsync"/> lists the products a sync
/// job should fetch, <see cref="HydrateAsync"/> fetches one and normalises it into the canonical product.
/// Failures are the typed <see cref="SupplierAdapterException"/>s, which drive the job's retry policy;
/// anything else is treated as an unexpected error of that product.
/// </summary>
public interface ISupplierAdapter
{
    /// <summary>The modes this adapter implements; a job of another mode fails with a <c>registry</c> error.</summary>
    IReadOnlySet<DiscoveryMode> SupportedModes { get; }

    /// <summary>The refs to hydrate, de-duplicated, in the supplier's order.</summary>
    Task<IReadOnlyList<ProductRef>> DiscoverAsync(DiscoveryRequest request, CancellationToken ct);

    /// <summary>
    /// The complete product behind <paramref name="product"/> (its <see cref="CanonicalProduct.SupplierSku"/> set;
    /// the sync job sets the supplier). Partial data (e.g. prices failed) is an error, never a product.
    /// </summary>
    Task<CanonicalProduct> HydrateAsync(ProductRef product, CancellationToken ct);
}

/// <summary>What a sync job asks <see cref="ISupplierAdapter.DiscoverAsync"/> for.</summary>
/// <param name="Mode">The discovery mode.</param>
/// <param name="Limit">For <see cref="DiscoveryMode.FirstN"/>: how many (positive).</param>
/// <param name="ExplicitList">For <see cref="DiscoveryMode.ExplicitList"/>: the supplier SKUs.</param>
/// <param name="ChangedSince">For <see cref="DiscoveryMode.Delta"/>: changes since this time (UTC).</param>
public sealed record DiscoveryRequest(
    DiscoveryMode Mode,
    int? Limit = null,
    IReadOnlyList<string>? ExplicitList = null,
    DateTimeOffset? ChangedSince = null);
