namespace CatalogHub.ShopifySimulator.Shop;

/// <summary>
/// The simulated shop: locations, products with their variants, and inventory quantities per (inventory item,
/// location, name). Reads return immutable snapshots; mutations change it under <see cref="Gate"/>, one at a time.
/// </summary>
public sealed class ShopState
{
    /// <summary>The quantity names that make up <c>on_hand</c> (which is derived, never stored).</summary>
    public static readonly IReadOnlyList<string> OnHandParts = ["available", "committed", "damaged", "quality_control", "reserved", "safety_stock"];

    private readonly Dictionary<long, ShopifyProduct> _products = [];
    private readonly Dictionary<long, string> _locations = [];
    private readonly Dictionary<(long Item, long Location), Dictionary<string, long>> _levels = [];
    private long _nextId = 1_000_000;

    internal Lock Gate { get; } = new();

    public IReadOnlyList<ShopifyProduct> Products()
    {
        lock (Gate)
        {
            return [.. _products.Values.OrderBy(p => p.Id)];
        }
    }

    public ShopifyProduct? Product(long id)
    {
        lock (Gate)
        {
            return _products.GetValueOrDefault(id);
        }
    }

    public ShopifyProduct? ProductByHandle(string handle)
    {
        lock (Gate)
        {
            return FindByHandle(handle);
        }
    }

    /// <summary>Location id → name.</summary>
    public IReadOnlyDictionary<long, string> Locations()
    {
        lock (Gate)
        {
            return new Dictionary<long, string>(_locations);
        }
    }

    /// <summary>A named quantity (<c>available</c>, <c>on_hand</c>, <c>incoming</c>, …) of an item at a location; null when the item is not stocked there.</summary>
    public long? Quantity(long inventoryItemId, long locationId, string name = "available")
    {
        lock (Gate)
        {
            return QuantityUnlocked(inventoryItemId, locationId, name);
        }
    }

    /// <summary>The locations an inventory item is stocked at.</summary>
    public IReadOnlyList<long> StockedAt(long inventoryItemId)
    {
        lock (Gate)
        {
            return [.. _levels.Keys.Where(k => k.Item == inventoryItemId).Select(k => k.Location).Order()];
        }
    }

    internal long AddLocation(string name)
    {
        lock (Gate)
        {
            var existing = _locations.FirstOrDefault(l => l.Value == name);
            if (existing.Key != 0)
            {
                return existing.Key;
            }

            var id = NextId();
            _locations[id] = name;
            return id;
        }
    }

    // Everything below runs under Gate (the mutations take it).

    internal long NextId() => ++_nextId;

    internal bool HasLocation(long id) => _locations.ContainsKey(id);

    internal ShopifyProduct? Find(long id) => _products.GetValueOrDefault(id);

    internal ShopifyProduct? FindByHandle(string handle) => _products.Values.FirstOrDefault(p => p.Handle == handle);

    internal bool HasInventoryItem(long itemId) => _products.Values.Any(p => p.Variants.Any(v => v.InventoryItemId == itemId));

    internal void Put(ShopifyProduct product)
    {
        if (_products.TryGetValue(product.Id, out var old))
        {
            var kept = product.Variants.Select(v => v.InventoryItemId).ToHashSet();
            foreach (var gone in old.Variants.Where(v => !kept.Contains(v.InventoryItemId)))
            {
                foreach (var key in _levels.Keys.Where(k => k.Item == gone.InventoryItemId).ToList())
                {
                    _levels.Remove(key);
                }
            }
        }

        _products[product.Id] = product;
    }

    /// <summary>A handle no other product has: the wanted one, else with <c>-1</c>, <c>-2</c>, … as Shopify does.</summary>
    internal string UniqueHandle(string wanted, long? forProduct)
    {
        var candidate = wanted;
        for (var n = 1; _products.Values.Any(p => p.Handle == candidate && p.Id != forProduct); n++)
        {
            candidate = $"{wanted}-{n}";
        }

        return candidate;
    }

    internal bool IsStocked(long itemId, long locationId) => _levels.ContainsKey((itemId, locationId));

    internal void Stock(long itemId, long locationId) => _levels.TryAdd((itemId, locationId), []);

    internal long? QuantityUnlocked(long itemId, long locationId, string name)
    {
        if (!_levels.TryGetValue((itemId, locationId), out var quantities))
        {
            return null;
        }

        return name == "on_hand" ? OnHandParts.Sum(quantities.GetValueOrDefault) : quantities.GetValueOrDefault(name);
    }

    /// <summary>Changes a stocked quantity by <paramref name="delta"/>; <c>on_hand</c> changes go to <c>available</c>.</summary>
    internal void Adjust(long itemId, long locationId, string name, long delta)
    {
        var quantities = _levels[(itemId, locationId)];
        var stored = name == "on_hand" ? "available" : name;
        quantities[stored] = quantities.GetValueOrDefault(stored) + delta;
    }
}
