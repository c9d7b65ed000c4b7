namespace CatalogHub.Grains.SyncJobs;

/// <summary><c>Hub:SyncJobs</c>: retry back-off, checkpointing and the keep-alive reminder of sync jobs.</summary>
public sealed class SyncJobOptions
{
    public const string Section = "Hub:SyncJobs";

    /// <summary>Waits before the retries of a transient hydrate failure (seed 000: two retries, 1 s then 2 s).</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>How often done markers and counters are written (also when <see cref="CheckpointBatch"/> are waiting).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Markers that trigger a checkpoint before the interval ends.</summary>
    public int CheckpointBatch { get; set; } = 256;

    /// <summary>
    /// Period of the reminder an active job keeps; after a silo crash the job resumes within about this long
    /// once the cluster noticed. At least Orleans' minimum reminder period (<c>Hub:Reminders:MinimumPeriod</c>).
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Hydrated products that may wait for their write at once. Persisting runs behind hydration, so the
    /// supplier's hydrate slots are not held during durable commits.
    /// </summary>
    public int PersistWindow { get; set; } = 64;

    /// <summary>How long a cancel waits for the job's in-flight products before it answers.</summary>
    public TimeSpan CancelWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Errors kept in a job's <c>errors</c>; the counters stay exact beyond it.</summary>
    public int MaxStoredErrors { get; set; } = 1000;

    /// <summary>The delays to use: the configured ones, or seed 000's 1 s and 2 s.</summary>
    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];
}
