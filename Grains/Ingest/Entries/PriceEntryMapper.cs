using System.Text.Json;
using CatalogHub.Grains.Ingest.Rules;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>A price entry after mapping: SKU (normalized), store, child store for routing, price and type (R, S, C, CS).</summary>
public sealed record PriceRequest(string Sku, string StoreId, string ChildStore, decimal Price, string PriceType);

/// <summary>Seed 002's PriceData (a price entry's <c>data</c>).</summary>
public static class PriceEntryMapper
{
    public const int MaxStoreLength = 50;

    /// <summary>
    /// Maps <paramref name="data"/>: sku, store_id and price required; child_store defaults to store_id when missing,
    /// blank or "0"; a missing, unknown or non-text price_type is R (seed 002: "defaults to R if invalid").
    /// </summary>
    public static EntryMapping<PriceRequest> Map(JsonElement data)
    {
        var reader = new EntryReader(data);
        var sku = SkuFormat.Normalize(reader.Required("sku"));
        var store = reader.Required("store_id", MaxStoreLength);
        var child = reader.Text("child_store", MaxStoreLength) is { } c and not "0" ? c : store;
        var price = reader.Money("price");
        if (price is null && !reader.TryGet("price", out _))
        {
            reader.Invalid("price", "price is required");
        }

        var type = reader.TryGet("price_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return reader.Error is { } error
            ? EntryMapping.Fail<PriceRequest>(error)
            : EntryMapping.Ok(new PriceRequest(sku, store, child, price!.Value, PriceTypes.Normalize(type)));
    }
}
