namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// One supplier (key: its id): the single writer of its <c>suppliers</c> row.
/// </summary>
[Alias("CatalogHub.Grains.Suppliers.ISupplierGrain")]
public interface ISupplierGrain : IGrainWithGuidKey
{
    /// <summary>Creates the supplier with this grain's id.</summary>
    [Alias("Create")]
    Task<SupplierWriteResult> CreateAsync(SupplierChanges changes);

    /// <summary>Applies the given fields.</summary>
    [Alias("Update")]
    Task<SupplierWriteResult> UpdateAsync(SupplierChanges changes);

    /// <summary>Deactivates the supplier (its products stay).</summary>
    [Alias("Deactivate")]
    Task<SupplierWriteResult> DeactivateAsync();
}
