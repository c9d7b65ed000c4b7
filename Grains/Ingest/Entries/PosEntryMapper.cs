using System.Text.Json;
using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>Seed 002's POSData (a POS entry's <c>data</c>, entry number <c>row</c>) as a one-variant product of a store's catalog.</summary>
public static class PosEntryMapper
{
    /// <summary>Maps <paramref name="data"/> to the POS product of store <paramref name="storeNumber"/>.</summary>
    public static EntryMapping<CanonicalProduct> Map(JsonElement data, string storeNumber, int row) =>
        throw new NotImplementedException("PosEntryMapper.Map is being written (issue 8).");
}
