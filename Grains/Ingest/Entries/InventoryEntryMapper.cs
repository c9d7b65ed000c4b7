using System.Globalization;
using System.Text.Json;

namespace CatalogHub.Grains.Ingest.Entries;

/// <summary>
/// An inventory entry after mapping: the SKU (normalized), the store and location name it names (null: the store's
/// default location), the child store that routes duplicate SKUs, and the quantities to apply
/// (see <see cref="AdjustInventory"/>).
/// </summary>
public sealed record InventoryRequest(
    string Sku,
    string Store,
    string? LocationName,
    string ChildStore,
    bool SetAvailable,
    long Available,
    long Incoming);

/// <summary>Seed 002's InventoryData (an inventory entry's <c>data</c>) under mode <c>initial</c> or <c>delta</c>.</summary>
public static class InventoryEntryMapper
{
    public const int MaxStoreLength = 50;

    public static EntryMapping<InventoryRequest> Map(JsonElement data, bool initial)
    {
        var reader = new EntryReader(data);
        var sku = SkuFormat.Normalize(reader.Required("sku"));
        var store = reader.Required("store", MaxStoreLength);
        var location = Named(reader.Text("location_name"));
        var childStore = Named(reader.Text("child_store", MaxStoreLength)) ?? location ?? store;
        var onHand = Quantity(reader, "on_hand");
        var onOrder = Quantity(reader, "on_order");
        var (available, incoming) = initial ? (onHand, onOrder) : Delta(reader, onHand, onOrder);
        return reader.Error is { } error
            ? EntryMapping.Fail<InventoryRequest>(error)
            : EntryMapping.Ok(new InventoryRequest(sku, store, location, childStore, initial, available, incoming));
    }

    /// <summary>
    /// What a delta entry adds, by its optional <c>delta_type</c> (case-insensitive; '-', '_' and spaces ignored):
    /// none: on_hand to available and on_order to incoming; <c>Adjustment</c>: on_hand to available (on_order must be
    /// 0); <c>On-Order</c>: one quantity to incoming, on_order or else on_hand (not both non-zero). Any other type is
    /// a validation error.
    /// </summary>
    private static (long Available, long Incoming) Delta(EntryReader reader, long onHand, long onOrder)
    {
        var type = reader.Text("delta_type");
        switch (type?.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
        {
            case null:
                return (onHand, onOrder);
            case "ADJUSTMENT":
                if (onOrder != 0)
                {
                    reader.Invalid("on_order", "on_order must be 0 when delta_type is Adjustment (on_hand is the adjustment)");
                }

                return (onHand, 0);
            case "ONORDER":
                if (onHand != 0 && onOrder != 0)
                {
                    reader.Invalid("on_hand", "delta_type On-Order takes one quantity: on_order, or on_hand when on_order is 0");
                }

                return (0, onOrder != 0 ? onOrder : onHand);
            default:
                reader.Invalid("delta_type", $"delta_type '{type}' must be Adjustment or On-Order");
                return (0, 0);
        }
    }

    /// <summary>
    /// A whole quantity: 0 when absent, null or blank; a JSON number or numeric text (invariant culture) with any
    /// fraction truncated toward zero (105.99 → 105, -2.5 → -2). Anything else is a conversion error.
    /// </summary>
    private static long Quantity(EntryReader reader, string field)
    {
        if (!reader.TryGet(field, out var value))
        {
            return 0;
        }

        decimal? number = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDecimal(out var n) ? n : null,
            JsonValueKind.String when string.IsNullOrWhiteSpace(value.GetString()) => 0m,
            JsonValueKind.String => decimal.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null,
            _ => null,
        };
        var whole = number is { } d ? decimal.Truncate(d) : (decimal?)null;
        if (whole is { } w && w >= long.MinValue && w <= long.MaxValue)
        {
            return (long)w;
        }

        reader.Fail(EntryError.Conversion($"{field} must be a whole number (a fraction is truncated), not {value.GetRawText()}", field));
        return 0;
    }

    /// <summary>A location or child store name; null (the default applies) when missing, blank or "0".</summary>
    private static string? Named(string? name) => name is null or "0" ? null : name;
}
