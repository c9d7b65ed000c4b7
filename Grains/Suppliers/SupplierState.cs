namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// A supplier grain's private working state (Orleans storage, survives silo crashes): the job running per
/// mode, and the period each schedule reminder was registered with.
/// </summary>
[GenerateSerializer, Alias("CatalogHub.Grains.Suppliers.SupplierState")]
public sealed class SupplierState
{
    [Id(0)] public Dictionary<DiscoveryMode, Guid> Running { get; set; } = [];
    [Id(1)] public Dictionary<string, TimeSpan> Schedules { get; set; } = [];
}
