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
    public static EntryMapping<InventoryRequest> Map(JsonElement data, bool initial) =>
        throw new NotImplementedException("InventoryEntryMapper.Map is being written (issue 8).");
}
