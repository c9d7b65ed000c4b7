using CatalogHub.Grains.Catalog;

namespace CatalogHub.Grains.Outbox.Shopify;

/// <summary>
/// Where a variant's available quantities go in Shopify. A target's <c>location_ids</c> are keyed by hub location,
/// either in full (<c>{store}/{location}</c>) or by the location's name; a variant without levels counts at its store's
/// default location (named after the store). Hub locations without a Shopify location are not sent; several hub
/// locations mapped to one Shopify location add up. Only <c>available</c> is sent: <c>inventorySetQuantities</c> sets
/// available and on_hand, and Shopify's incoming quantity is owned by its own transfers and purchase orders.
/// </summary>
public sealed class ShopifyLocations(IReadOnlyDictionary<string, long> ids, string? storeNumber)
{
    public bool IsEmpty => ids.Count == 0;

    /// <summary>The variant's available quantity per Shopify location id, in location id order.</summary>
    public IReadOnlyList<(long LocationId, long Available)> Of(CanonicalVariant variant)
    {
        IEnumerable<(string Location, long Available)> levels = variant.Levels.Count > 0
            ? variant.Levels.Select(l => (l.Location, l.Available))
            : storeNumber is null ? [] : [($"{storeNumber}/{storeNumber}", variant.Inventory)];
        var sums = new SortedDictionary<long, long>();
        foreach (var (location, available) in levels)
        {
            if (Find(location) is { } id)
            {
                sums[id] = sums.GetValueOrDefault(id) + available;
            }
        }

        return [.. sums.Select(s => (s.Key, s.Value))];
    }

    private long? Find(string location)
    {
        if (ids.TryGetValue(location, out var id))
        {
            return id;
        }

        var slash = location.IndexOf('/', StringComparison.Ordinal);
        return slash >= 0 && ids.TryGetValue(location[(slash + 1)..], out id) ? id : null;
    }
}
