namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// Which products a sync job asks the supplier for (seed 000). Wire names are snake_case
/// (<see cref="DiscoveryModes"/>).
/// </summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Suppliers.DiscoveryMode")]
public enum DiscoveryMode
{
    FullSellable = 0,
    Delta = 1,
    FirstN = 2,
    ExplicitList = 3,
    Closeouts = 4,
}

/// <summary>The wire names of <see cref="DiscoveryMode"/> (<c>full_sellable</c>, <c>delta</c>, …).</summary>
public static class DiscoveryModes
{
    private static readonly (DiscoveryMode Mode, string Name)[] Names =
    [
        (DiscoveryMode.FullSellable, "full_sellable"),
        (DiscoveryMode.Delta, "delta"),
        (DiscoveryMode.FirstN, "first_n"),
        (DiscoveryMode.ExplicitList, "explicit_list"),
        (DiscoveryMode.Closeouts, "closeouts"),
    ];

    /// <summary>Every wire name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    public static string Name(this DiscoveryMode mode) => Names.First(n => n.Mode == mode).Name;

    public static bool TryParse(string? name, out DiscoveryMode mode)
    {
        foreach (var (m, n) in Names)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                mode = m;
                return true;
            }
        }

        mode = default;
        return false;
    }
}
