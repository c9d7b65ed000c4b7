using System.Text.Json;

namespace CatalogHub.Grains.Adapters;

/// <summary>
/// Creates the adapter of one supplier. Registered in DI; a supplier's <c>adapter</c> names one by
/// <see cref="Name"/> (the registry: <see cref="SupplierAdapterRegistry"/>).
/// </summary>
public interface ISupplierAdapterFactory
{
    /// <summary>The name suppliers use in <c>adapter</c>, e.g. <c>promostandards</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Checks a supplier's adapter settings when they are saved; returns the problems (field → messages),
    /// empty when valid.
    /// </summary>
    IReadOnlyDictionary<string, string[]> Validate(JsonElement settings);

    ISupplierAdapter Create(SupplierAdapterContext context);
}

/// <summary>
/// What an adapter gets to work with: the supplier, its adapter settings (the supplier's
/// <c>adapter_config</c> without credentials) and its decrypted credentials (never logged).
/// </summary>
public sealed record SupplierAdapterContext(Guid SupplierId, JsonElement Settings, IReadOnlyDictionary<string, string> Credentials);
