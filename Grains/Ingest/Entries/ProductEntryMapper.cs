using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's ProductData (a products entry's <c>data</c>) as a product of a store's catalog.</summary>
public static class ProductEntryMapper
{
    /// <summary>
    /// Maps <paramref name="data"/> to the product of store <paramref name="storeNumber"/>: handle given or generated
    /// from the title, numeric SKUs padded to 9 digits, up to 3 option dimensions, metafields normalized.
    /// </summary>
    public static EntryMapping<CanonicalProduct> Map(JsonElement data, string storeNumber) =>
        throw new NotImplementedException("ProductEntryMapper.Map is being written (issue 8).");
}
