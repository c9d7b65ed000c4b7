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
}
