using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>The last check of a mapped store product: the catalog's own content rules (<see cref="ProductRules"/>).</summary>
public static class StoreProduct
{
    /// <summary>
    /// <paramref name="product"/>, or a validation error listing what <see cref="ProductRules"/> refuses that the
    /// mapping rules do not already catch (e.g. a NUL character in a text).
    /// </summary>
    public static EntryMapping<CanonicalProduct> Checked(CanonicalProduct product)
    {
        var problems = ProductRules.Check(product);
        return problems.Count == 0
            ? EntryMapping.Ok(product)
            : EntryMapping.Fail<CanonicalProduct>(EntryError.Validation(string.Join("; ", problems)));
    }
}
