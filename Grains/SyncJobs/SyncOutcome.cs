namespace CatalogHub.Grains.SyncJobs;

/// <summary>Seed 000's _finalize_job: the terminal status of a job from its counts. Pure.</summary>
public static class SyncOutcome
{
    /// <summary>
    /// <c>failed</c> when the job was aborted (auth, cancel, discovery, registry) or nothing succeeded of
    /// something; <c>success</c> with zero failures; <c>partial_success</c> otherwise.
    /// </summary>
    public static string Decide(int succeeded, int failed, bool aborted) =>
        aborted ? SyncJobStatuses.Failed
        : failed == 0 ? SyncJobStatuses.Success
        : succeeded > 0 ? SyncJobStatuses.PartialSuccess
        : SyncJobStatuses.Failed;

    /// <summary>
    /// Whether a finished full_sellable job saw the supplier's whole catalog, so products it did not discover
    /// are discontinued: not aborted, not failed, and discovery found something (an empty list from a
    /// glitching supplier must not discontinue everything).
    /// </summary>
    public static bool SawWholeCatalog(Suppliers.DiscoveryMode mode, string status, int discovered) =>
        mode == Suppliers.DiscoveryMode.FullSellable && status != SyncJobStatuses.Failed && discovered > 0;
}
