using CatalogHub.ShopifySimulator.Shop;

namespace CatalogHub.ShopifySimulator.Knobs;

/// <summary>
/// Changes a running simulator: its knobs, its locations and its cost bucket. Shared by <c>/admin</c> and
/// in-process tests (<see cref="RunningShopifySimulator.Control"/>).
/// </summary>
public sealed class ShopifyControl
{
    private ShopifyKnobs _knobs;

    public ShopifyControl(ShopifySimulatorOptions options, ShopState shop, TimeProvider time)
    {
        Options = options;
        Shop = shop;
        _knobs = options.Knobs;
        Bucket = new CostBucket(() => Knobs, time);
        foreach (var name in options.Locations)
        {
            shop.AddLocation(name);
        }
    }

    public ShopifySimulatorOptions Options { get; }

    public ShopState Shop { get; }

    public CostBucket Bucket { get; }

    public ShopifyKnobs Knobs => Volatile.Read(ref _knobs);

    /// <summary>Replaces the knobs; throws <see cref="ArgumentException"/> when they are invalid.</summary>
    public ShopifyKnobs Set(ShopifyKnobs knobs)
    {
        var problems = knobs.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(knobs));
        }

        Volatile.Write(ref _knobs, knobs);
        return knobs;
    }

    /// <summary>Changes some knobs, e.g. <c>Update(k =&gt; k with { Unavailable = true })</c>.</summary>
    public ShopifyKnobs Update(Func<ShopifyKnobs, ShopifyKnobs> change) => Set(change(Knobs));

    /// <summary>Back to the knobs the simulator started with.</summary>
    public ShopifyKnobs Reset() => Set(Options.Knobs);

    /// <summary>Adds a location (or finds the one of that name) and returns its numeric id; its gid is <see cref="ShopifyGid.Location"/>.</summary>
    public long AddLocation(string name) => Shop.AddLocation(name);
}
