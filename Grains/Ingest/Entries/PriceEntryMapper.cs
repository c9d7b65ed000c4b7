using System.Text.Json;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>A price entry after mapping: SKU (normalized), store, child store for routing, price and type (R, S, C, CS).</summary>
public sealed record PriceRequest(string Sku, string StoreId, string ChildStore, decimal Price, string PriceType);

/// <summary>Seed 002's PriceData (a price entry's <c>data</c>).</summary>
public static class PriceEntryMapper
{
    public static EntryMapping<PriceRequest> Map(JsonElement data) =>
        throw new NotImplementedException("PriceEntryMapper.Map is being written (issue 8).");
}
