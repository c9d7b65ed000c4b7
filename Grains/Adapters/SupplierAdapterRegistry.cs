namespace CatalogHub.Grains.Adapters;

/// <summary>The adapters this hub knows, by name (seed 000's adapter registry).</summary>
public sealed class SupplierAdapterRegistry(IEnumerable<ISupplierAdapterFactory> factories)
{
    private readonly Dictionary<string, ISupplierAdapterFactory> _byName =
        factories.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool TryGet(string name, out ISupplierAdapterFactory factory) => _byName.TryGetValue(name, out factory!);
}
