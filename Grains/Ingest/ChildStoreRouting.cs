namespace CatalogHub.Grains.Ingest;

/// <summary>A product of a store's catalog that has a variant with the SKU looked up, and the product's child store (metafield <c>merchandising.child_store</c>).</summary>
public sealed record SkuMatch(string Catalog, string Key, string? ChildStore);

/// <summary>
/// Which of a SKU's products an inventory or price entry updates (seed 002: duplicate SKUs update all matching
/// variants; child_store routes). A child store equal to the store (the default) routes nothing: every product
/// with the SKU. Another child store picks the products whose child store it is; when none is, the products
/// that name no child store.
/// </summary>
public static class ChildStoreRouting
{
    public static IReadOnlyList<SkuMatch> Select(IReadOnlyList<SkuMatch> matches, string store, string childStore)
    {
        if (string.Equals(childStore, store, StringComparison.Ordinal))
        {
            return matches;
        }

        var routed = matches.Where(m => string.Equals(m.ChildStore, childStore, StringComparison.Ordinal)).ToList();
        return routed.Count > 0 ? routed : [.. matches.Where(m => string.IsNullOrEmpty(m.ChildStore))];
    }
}
