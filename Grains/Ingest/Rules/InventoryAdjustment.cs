using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Ingest.Rules;

/// <summary>What an inventory entry (<see cref="AdjustInventory"/>) does to one variant's levels.</summary>
public static class InventoryAdjustment
{
    /// <summary>
    /// <paramref name="variant"/> with the level at the command's location set or adjusted (created at 0/0 when the
    /// variant has none there yet, so even a zero quantity records that the item is stocked there), and its
    /// inventory and incoming the sums of its levels. The same instance when the level exists and keeps its
    /// quantities. A quantity beyond a 64-bit integer is a validation error, and the variant stays as it was.
    /// </summary>
    public static (CanonicalVariant Variant, EntryError? Error) Apply(CanonicalVariant variant, AdjustInventory command)
    {
        var existing = variant.Levels.FirstOrDefault(l => l.Location == command.Location);
        var level = existing ?? new InventoryLevel(command.Location, 0, 0);
        var available = command.SetAvailable ? command.Available : (Int128)level.Available + command.Available;
        var incoming = (Int128)level.Incoming + command.Incoming;
        var others = variant.Levels.Where(l => l.Location != command.Location).ToList();
        var totalAvailable = others.Aggregate(available, (sum, l) => sum + l.Available);
        var totalIncoming = others.Aggregate(incoming, (sum, l) => sum + l.Incoming);
        if (!Fits(available) || !Fits(totalAvailable))
        {
            return (variant, EntryError.Validation($"The available quantity of {variant.Sku} would exceed the 64-bit range", "on_hand"));
        }

        if (!Fits(incoming) || !Fits(totalIncoming))
        {
            return (variant, EntryError.Validation($"The incoming quantity of {variant.Sku} would exceed the 64-bit range", "on_order"));
        }

        var updated = new InventoryLevel(command.Location, (long)available, (long)incoming);
        if (updated == existing)
        {
            return (variant, null);
        }

        return (variant with { Levels = [.. others, updated], Inventory = (long)totalAvailable, Incoming = (long)totalIncoming }, null);
    }

    private static bool Fits(Int128 quantity) => quantity >= long.MinValue && quantity <= long.MaxValue;
}
