using CatalogHub.SupplierSimulator.Catalog;

namespace CatalogHub.SupplierSimulator.Knobs;

/// <summary>
/// Changes a running simulator: its knobs and "advance time". Shared by the admin endpoint and in-process
/// tests (<see cref="RunningSupplierSimulator.Control"/>).
/// </summary>
public sealed class SimulatorControl(SimulatorOptions options, CatalogState catalog)
{
    private SimulatorKnobs _knobs = options.Knobs;

    public SimulatorOptions Options { get; } = options;

    public CatalogState Catalog { get; } = catalog;

    public SimulatorKnobs Knobs => Volatile.Read(ref _knobs);

    /// <summary>Replaces the knobs; throws <see cref="ArgumentException"/> when they are invalid.</summary>
    public SimulatorKnobs Set(SimulatorKnobs knobs)
    {
        var problems = knobs.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(knobs));
        }

        Volatile.Write(ref _knobs, knobs);
        return knobs;
    }

    /// <summary>Changes some knobs, e.g. <c>Update(k =&gt; k with { FaultRate = 1 })</c>.</summary>
    public SimulatorKnobs Update(Func<SimulatorKnobs, SimulatorKnobs> change) => Set(change(Knobs));

    /// <summary>Back to the knobs the simulator started with.</summary>
    public SimulatorKnobs Reset() => Set(Options.Knobs);

    /// <summary>Modifies <paramref name="products"/> products (price, inventory, name) at a clock moved by <paramref name="by"/>.</summary>
    public AdvanceResult AdvanceTime(int products, TimeSpan? by = null) => Catalog.Advance(products, by ?? TimeSpan.FromMinutes(1));
}
