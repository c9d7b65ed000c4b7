namespace CatalogHub.Grains.Suppliers;

/// <summary>
/// One supplier (key: its id): the single writer of its <c>suppliers</c> row, the import job running per
/// discovery mode (a second one of the same mode gets <see cref="StartImportOutcome.Conflict"/>, on any silo),
/// its schedule reminders and its last full/delta sync.
/// </summary>
[Alias("CatalogHub.Grains.Suppliers.ISupplierGrain")]
public interface ISupplierGrain : IGrainWithGuidKey
{
    /// <summary>Creates the supplier with this grain's id.</summary>
    [Alias("Create")]
    Task<SupplierWriteResult> CreateAsync(SupplierChanges changes);

    /// <summary>Applies the given fields; the schedules' reminders follow.</summary>
    [Alias("Update")]
    Task<SupplierWriteResult> UpdateAsync(SupplierChanges changes);

    /// <summary>Deactivates the supplier (its products and jobs stay; schedules stop).</summary>
    [Alias("Deactivate")]
    Task<SupplierWriteResult> DeactivateAsync();

    /// <summary>Creates a pending import job and starts it, unless one of that mode is pending or running.</summary>
    [Alias("StartImport")]
    Task<StartImportResult> StartImportAsync(ImportRequest request);

    /// <summary>
    /// What a schedule reminder does for <paramref name="mode"/>: start an import, or skip (and log) while
    /// one of that mode runs. Public so tests can fire a schedule without waiting for its period.
    /// </summary>
    [Alias("RunScheduled")]
    Task<StartImportResult> RunScheduledAsync(DiscoveryMode mode);

    /// <summary>A job of this supplier ended.</summary>
    [Alias("JobFinished")]
    Task JobFinishedAsync(JobFinished finished);
}
